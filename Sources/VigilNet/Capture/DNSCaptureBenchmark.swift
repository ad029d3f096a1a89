import VigilCore

/// Measures the DNS capture path on realistic response frames: link, IP and transport
/// decoding, DNS parsing and cache recording, against a raw pass over the same bytes.
public enum DNSCaptureBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Frames decoded and recorded per round.
    public var packets: Int
    /// Distinct frames in the set (A, AAAA, CNAME chains; IPv4 and IPv6; UDP and TCP).
    public var distinctFrames: Int
    /// Mean frame size in bytes.
    public var meanFrameBytes: Double
    /// Frames taken through decode + parse + cache per second (best round, one core).
    public var packetsPerSecond: Double
    /// The ceiling: frames per second of a raw byte loop over the same frames (best round).
    public var ceilingPacketsPerSecond: Double
    /// Responses the capture recorded (a check that the work was done).
    public var responsesRecorded: Int
    /// Bindings in the cache at the end.
    public var cacheEntries: Int
    /// The raw pass's running hash (returned so the loop cannot be optimised away).
    public var ceilingChecksum: UInt64

    /// `packetsPerSecond / ceilingPacketsPerSecond`.
    public var ratio: Double {
      ceilingPacketsPerSecond > 0 ? packetsPerSecond / ceilingPacketsPerSecond : 0
    }

    /// `DNS capture: 812000 packets/s (ceiling 40.1 M/s raw byte pass, ratio 0.020), 132 B/frame`.
    public var description: String {
      let ceiling = (ceilingPacketsPerSecond / 1e5).rounded() / 10
      let shownRatio = (ratio * 10000).rounded() / 10000
      return
        "DNS capture: \(Int(packetsPerSecond)) packets/s (ceiling \(ceiling) M/s raw byte pass, "
        + "ratio \(shownRatio)), \(Int(meanFrameBytes)) B/frame, \(distinctFrames) distinct frames, "
        + "\(responsesRecorded) responses recorded, \(cacheEntries) cache entries"
    }
  }

  /// Decodes `packets` frames per round, in five rounds, from a set of `distinct` frames.
  public static func run(packets: Int, distinct: Int = 256) -> Result {
    let frames = sampleFrames(count: max(1, distinct))
    let clock = ContinuousClock()
    var capture = DNSCapture(cache: DNSCache(maxEntries: 50_000), duplicateWindow: .zero)
    var now = Timestamp(nanoseconds: 1_764_000_000_000_000_000)
    var best = 0.0
    var bestCeiling = 0.0
    var checksum: UInt64 = 0
    let rounds = 5
    for _ in 0..<rounds {
      let start = clock.now
      for k in 0..<packets {
        let sample = frames[k % frames.count]
        capture.observe(frame: sample.bytes, link: sample.link, at: now)
        now = Timestamp(nanoseconds: now.nanoseconds &+ 100_000)
      }
      let elapsed = seconds(clock.now - start)
      if elapsed > 0 { best = max(best, Double(packets) / elapsed) }

      let ceilingStart = clock.now
      for k in 0..<packets {
        for byte in frames[k % frames.count].bytes { checksum = checksum &* 31 &+ UInt64(byte) }
      }
      let ceilingElapsed = seconds(clock.now - ceilingStart)
      if ceilingElapsed > 0 { bestCeiling = max(bestCeiling, Double(packets) / ceilingElapsed) }
    }
    let total = frames.reduce(0) { $0 + $1.bytes.count }
    return Result(
      packets: packets, distinctFrames: frames.count,
      meanFrameBytes: Double(total) / Double(frames.count),
      packetsPerSecond: best, ceilingPacketsPerSecond: bestCeiling,
      responsesRecorded: capture.counters.responses, cacheEntries: capture.cache.count,
      ceilingChecksum: checksum)
  }

  /// Response frames as a cluster DNS sends them: one in two an A answer behind a CNAME chain,
  /// one in four AAAA, one in eight over IPv6, one in sixteen over TCP, clients spread over a
  /// pod CIDR.
  static func sampleFrames(count: Int) -> [(bytes: [UInt8], link: PacketLinkType)] {
    var frames: [(bytes: [UInt8], link: PacketLinkType)] = []
    let server4: [UInt8] = [10, 96, 0, 10]
    let server6: [UInt8] = [0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0A]
    for i in 0..<count {
      let service = "svc\(i % 97)"
      let asked = i % 2 == 0 ? "www.\(service).example.com" : "\(service).api.example.net"
      let wantsAAAA = i % 4 == 3
      let chain = i % 2 == 0 ? ["\(service).cdn.example.net", "edge\(i % 13).cdn.example.net"] : []
      var response = DNSResponseBuilder(
        id: UInt16(truncatingIfNeeded: i &* 2_654_435_761), question: asked,
        type: wantsAAAA ? 28 : 1, answers: chain.count + 2)
      var owner = asked
      for target in chain {
        response.cname(owner, target, ttl: 60)
        owner = target
      }
      for n in 0..<2 {
        let address: [UInt8] =
          wantsAAAA
          ? [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt8(i % 251), 0, UInt8(n + 1)]
          : [93, 184, UInt8(i % 251), UInt8(n + 1)]
        response.address(owner, address, ttl: 30)
      }
      let client4: [UInt8] = [10, 244, UInt8(i / 250 % 250), UInt8(i % 250 + 2)]
      let overIPv6 = i % 8 == 5
      let client: [UInt8] =
        overIPv6
        ? [0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt8(i / 250 % 250), UInt8(i % 250 + 2)]
        : client4
      let server = overIPv6 ? server6 : server4
      let port = UInt16(32_768 + i % 28_000)
      let builder = CaptureFrameBuilder()
      let bytes =
        i % 16 == 7
        ? builder.tcp(response.tcpFramed, from: server, 53, to: client, port)
        : builder.udp(response.bytes, from: server, 53, to: client, port)
      frames.append((bytes, .ethernet))
    }
    return frames
  }

  static func seconds(_ duration: Duration) -> Double {
    let (s, a) = duration.components
    return Double(s) + Double(a) / 1e18
  }
}
