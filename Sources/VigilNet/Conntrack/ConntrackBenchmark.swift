import VigilCore

/// Measures the conntrack decoder and flow tracker on synthetic kernel messages: TCP
/// connections (new, three updates, destroy with counters and timestamps) and UDP exchanges
/// (new, update, destroy), one in five IPv6, packed back to back into 64 KiB receive buffers.
public enum ConntrackBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Messages decoded per round.
    public var messages: Int
    /// Bytes of those messages.
    public var bytes: Int
    /// Messages decoded into `ConntrackEvent`s per second (fastest of five rounds, one core).
    public var decodedPerSecond: Double
    /// Messages walked per second by the ceiling loop: nlmsghdr lengths only, summing one word
    /// of each message (fastest of five rounds).
    public var ceilingPerSecond: Double
    /// `decodedPerSecond / ceilingPerSecond`.
    public var ratio: Double
    /// Events fed to `ConntrackFlowTracker.observe` per second (fastest of five rounds).
    public var trackerEventsPerSecond: Double
    /// Flow records the tracker emitted in one round (a check that it did the work).
    public var records: Int
    /// Malformed messages met (0 expected).
    public var malformed: Int

    /// `200000 messages (41 MB): 2.1 M decoded/s, ceiling 95 M/s (2.2 %), tracker 3.0 M events/s`.
    public var description: String {
      func millions(_ value: Double) -> Double { (value / 1e4).rounded() / 100 }
      return
        "\(messages) messages (\(bytes / 1024) KiB): \(millions(decodedPerSecond)) M decoded/s, "
        + "ceiling \(millions(ceilingPerSecond)) M/s (\((ratio * 1000).rounded() / 10) %), "
        + "tracker \(millions(trackerEventsPerSecond)) M events/s, \(records) records"
    }
  }

  /// Builds about `messages` event messages and times decoding, the ceiling walk and the
  /// tracker over them.
  public static func run(messages: Int) -> Result {
    let buffers = makeBuffers(messages: max(1, messages))
    let total = buffers.reduce(0) { $0 + $1.count }
    let clock = ContinuousClock()
    let decoder = ConntrackDecoder()
    var events: [ConntrackEvent] = []
    var decodedCount = 0
    var malformed = 0
    var bestDecode = Duration.seconds(1_000)
    var bestCeiling = Duration.seconds(1_000)
    var checksum: UInt64 = 0
    var walked = 0
    for round in 0..<5 {
      decodedCount = 0
      malformed = 0
      let start = clock.now
      for buffer in buffers {
        buffer.withUnsafeBytes { raw in
          decoder.decode(raw) { message in
            switch message {
            case .event(let event):
              decodedCount += 1
              if round == 0 { events.append(event) }
              checksum &+= UInt64(event.original.sourcePort)
            case .malformed: malformed += 1
            default: break
            }
          }
        }
      }
      bestDecode = min(bestDecode, clock.now - start)

      walked = 0
      let ceilingStart = clock.now
      for buffer in buffers {
        buffer.withUnsafeBytes { raw in
          var offset = 0
          while raw.count - offset >= 20 {
            let length = Int(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            guard length >= 20 else { break }
            checksum &+= UInt64(raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self))
            walked += 1
            offset += (length + 3) & ~3
          }
        }
      }
      bestCeiling = min(bestCeiling, clock.now - ceilingStart)
    }

    var bestTracker = Duration.seconds(1_000)
    var records = 0
    let base = Timestamp(nanoseconds: 1_764_000_000_000_000_000)
    for _ in 0..<5 {
      var tracker = ConntrackFlowTracker(configuration: .init(node: "bench"))
      records = 0
      let start = clock.now
      for (index, event) in events.enumerated() {
        let step = tracker.observe(event, at: base.adding(.microseconds(index)))
        if step.record != nil { records += 1 }
      }
      bestTracker = min(bestTracker, clock.now - start)
    }
    // Keep the checksum alive so the loops are not optimized away.
    if checksum == 0x5EED_5EED_5EED_5EED { records += 1 }
    let decodeRate = Double(decodedCount) / max(seconds(bestDecode), 1e-9)
    let ceilingRate = Double(walked) / max(seconds(bestCeiling), 1e-9)
    return Result(
      messages: decodedCount, bytes: total, decodedPerSecond: decodeRate,
      ceilingPerSecond: ceilingRate, ratio: ceilingRate > 0 ? decodeRate / ceilingRate : 0,
      trackerEventsPerSecond: Double(events.count) / max(seconds(bestTracker), 1e-9),
      records: records, malformed: malformed)
  }

  static func seconds(_ duration: Duration) -> Double {
    let (s, a) = duration.components
    return Double(s) + Double(a) / 1e18
  }

  /// Realistic event messages, interleaved like a busy node's stream, in 64 KiB buffers.
  static func makeBuffers(messages: Int) -> [[UInt8]] {
    var buffers: [[UInt8]] = []
    var writer = NetlinkWriter(capacity: 64 << 10)
    var produced = 0
    var connection = 0
    let start = Timestamp(nanoseconds: 1_764_000_000_000_000_000)
    while produced < messages {
      for event in connectionEvents(connection, start: start) {
        writer.event(event)
        produced += 1
        if writer.bytes.count > (64 << 10) - 512 {
          buffers.append(writer.bytes)
          writer = NetlinkWriter(capacity: 64 << 10)
        }
      }
      connection += 1
    }
    if !writer.bytes.isEmpty { buffers.append(writer.bytes) }
    return buffers
  }

  /// The messages one connection produces (TCP: 5, UDP: 3).
  static func connectionEvents(_ n: Int, start: Timestamp) -> [ConntrackEvent] {
    let ipv6 = n % 5 == 4
    let udp = n % 3 == 2
    let client: ConntrackAddress
    let server: ConntrackAddress
    if ipv6 {
      client = ConntrackAddress(ipv6High: 0xFD00_0000_0000_0001, low: UInt64(n & 0xFFFF) + 10)
      server = ConntrackAddress(ipv6High: 0xFD00_0000_0000_0002, low: 80)
    } else {
      client = ConntrackAddress(ipv4: 0x0AF4_0000 | UInt32(n % 60_000 + 10))
      server = ConntrackAddress(ipv4: 0x0AF4_0100 | UInt32(n % 200 + 2))
    }
    let proto: UInt8 = udp ? 17 : 6
    let port = UInt16(32_768 + n % 28_000)
    let original = ConntrackTuple(
      source: client, destination: server, proto: proto, sourcePort: port,
      destinationPort: udp ? 53 : 8080)
    let reply = ConntrackTuple(
      source: server, destination: client, proto: proto, sourcePort: original.destinationPort,
      destinationPort: port)
    let id = UInt32(truncatingIfNeeded: n &* 2_654_435_761)
    let at = start.adding(.milliseconds(n))
    func event(
      _ kind: ConntrackEvent.Kind, _ state: ConntrackTCPState?, _ status: ConntrackStatus,
      counters: Bool = false
    ) -> ConntrackEvent {
      ConntrackEvent(
        kind: kind, id: id, original: original, reply: reply, tcpState: udp ? nil : state,
        status: status,
        originalCounters: counters ? .init(packets: 6, bytes: 420 + UInt64(n % 100)) : nil,
        replyCounters: counters ? .init(packets: 5, bytes: 1_800) : nil,
        start: counters ? at : nil, stop: counters ? at.adding(.milliseconds(5)) : nil,
        timeout: kind == .destroy ? nil : 120)
    }
    if udp {
      return [
        event(.new, nil, [.confirmed]),
        event(.update, nil, [.confirmed, .seenReply]),
        event(.destroy, nil, [.confirmed, .seenReply], counters: true),
      ]
    }
    return [
      event(.new, .synSent, [.confirmed]),
      event(.update, .synReceived, [.confirmed, .seenReply]),
      event(.update, .established, [.confirmed, .seenReply, .assured]),
      event(.update, .timeWait, [.confirmed, .seenReply, .assured]),
      event(.destroy, .timeWait, [.confirmed, .seenReply, .assured], counters: true),
    ]
  }
}
