#if canImport(Glibc)
  import VigilCore

  /// The agent's read loop in one call: receives a batch from a `ConntrackSocket`, decodes it,
  /// feeds a `ConntrackFlowTracker`, sends the counter requests the tracker asks for on the
  /// same socket (their replies, queued by the time `sendto` returns, are read in the same
  /// call), and emits flows whose counter wait ran out. Use it from one thread: call `requestDump()` once at start, then `poll` in a
  /// loop until told to stop.
  public final class ConntrackFlowReader {
    /// Counts for metrics.
    public struct Statistics: Sendable, Hashable {
      /// Conntrack events and dump/get entries read.
      public var events = 0
      /// Messages that could not be decoded (skipped).
      public var malformed = 0
      /// `NLMSG_ERROR` replies (`ENOENT` for an entry gone before its counters were read).
      public var kernelErrors = 0
      /// Counter requests that could not be sent (the flow goes out at its deadline).
      public var failedRequests = 0
      /// Dumps completed (`NLMSG_DONE`).
      public var dumpsCompleted = 0
      /// Times the kernel dropped events (ENOBUFS) while the socket dropped TIME_WAIT DESTROYs,
      /// so that every DESTROY was read again for ``ConntrackFlowReader/destroyFallback``.
      public var destroyFallbacks = 0
    }

    /// The socket read from.
    public let socket: ConntrackSocket
    /// The tracker fed.
    public private(set) var tracker: ConntrackFlowTracker
    /// Counts so far (the tracker and socket keep their own).
    public private(set) var statistics = Statistics()
    /// After the kernel dropped events (ENOBUFS), how long a socket that drops TIME_WAIT
    /// DESTROYs (`ConntrackSocket.canDropEmittedDestroys`) reads every DESTROY instead: a lost
    /// TIME_WAIT update's connection is then reported at its DESTROY, which comes within the
    /// TIME_WAIT timeout (120 s by default) plus the kernel's cleanup delay. The tracker absorbs
    /// the DESTROYs of connections it already emitted.
    public var destroyFallback: Duration = .seconds(180)
    private var destroyFallbackUntil: Timestamp?
    private let decoder = ConntrackDecoder()
    private var buffer = [UInt8](repeating: 0, count: 256 << 10)

    /// Creates a reader over `socket` feeding `tracker`.
    public init(socket: ConntrackSocket, tracker: ConntrackFlowTracker) {
      self.socket = socket
      self.tracker = tracker
    }

    /// Tells the tracker which connections an earlier run emitted (absorbed until `until`).
    public func rememberEmitted(ids: some Sequence<UInt32>, until: Timestamp) {
      tracker.rememberEmitted(ids: ids, until: until)
    }

    /// Asks for the whole table; its entries become open flows as they arrive.
    public func requestDump() throws(ConntrackSocketError) { try socket.requestDump() }

    /// Waits up to `timeout` for messages, handles them, and returns the flows finished (also
    /// those whose counter wait ran out). `now` gives the time stamped on events; `onEvent`
    /// sees each decoded event first (for logs and tests).
    public func poll(
      timeout: Duration, now: () -> Timestamp = { Timestamp.now() },
      onEvent: (ConntrackEvent) -> Void = { _ in }
    ) throws(ConntrackSocketError) -> [FlowRecord] {
      let wait =
        tracker.nextDeadline.map { deadline in
          min(timeout, max(.zero, deadline.since(now())))
        } ?? timeout
      var records: [FlowRecord] = []
      var batch = try receive(timeout: wait)
      // The kernel answers counter requests while `sendto` runs, so the replies are queued when
      // it returns: they (and whatever else came meanwhile) are read now rather than at the
      // next poll, a few rounds at most. A failed read here is left to the next poll.
      var rounds = 0
      while true {
        let fetches = handle(batch, into: &records, now: now, onEvent: onEvent)
        requestCounters(fetches)
        rounds += 1
        guard !fetches.isEmpty, rounds < Self.replyRounds,
          let next = try? receive(timeout: .zero), !next.isEmpty
        else { break }
        batch = next
      }
      records += tracker.expire(at: now())
      return records
    }

    /// Receive rounds in one poll at most (the first, then those for counter replies).
    static let replyRounds = 4

    private func receive(timeout: Duration) throws(ConntrackSocketError) -> ConntrackSocket.Batch {
      try buffer.withUnsafeMutableBytes { raw in
        Result { () throws(ConntrackSocketError) in
          try socket.receive(into: raw, timeout: timeout)
        }
      }.get()
    }

    /// Decodes `batch` (in `buffer`) into the tracker; appends the records finished and
    /// returns the counter requests asked for.
    private func handle(
      _ batch: ConntrackSocket.Batch, into records: inout [FlowRecord], now: () -> Timestamp,
      onEvent: (ConntrackEvent) -> Void
    ) -> [ConntrackFlowTracker.CounterFetch] {
      var fetches: [ConntrackFlowTracker.CounterFetch] = []
      let time = now()
      followDestroyFallback(overruns: batch.overruns, at: time)
      buffer.withUnsafeBytes { raw in
        decoder.decode(UnsafeRawBufferPointer(rebasing: raw[..<batch.byteCount])) { message in
          switch message {
          case .event(let event):
            statistics.events += 1
            onEvent(event)
            let step = tracker.observe(event, at: time)
            if let record = step.record { records.append(record) }
            if let fetch = step.fetch { fetches.append(fetch) }
          case .malformed: statistics.malformed += 1
          case .kernelError: statistics.kernelErrors += 1
          case .done: statistics.dumpsCompleted += 1
          case .acknowledgement, .ignored: break
          }
        }
      }
      return fetches
    }

    /// Sends `fetches`, up to 64 GETs a datagram (the kernel's netlink receive takes a datagram
    /// whole; 64 × ~80 bytes stays far below its limits).
    private func requestCounters(_ fetches: [ConntrackFlowTracker.CounterFetch]) {
      var index = 0
      while index < fetches.count {
        let chunk = Array(fetches[index..<min(fetches.count, index + 64)])
        do {
          try socket.requestCounters(chunk)
        } catch {
          statistics.failedRequests += chunk.count
        }
        index += chunk.count
      }
    }

    /// Reads every DESTROY from an overrun until ``destroyFallback`` has passed without one.
    private func followDestroyFallback(overruns: Int, at time: Timestamp) {
      guard socket.canDropEmittedDestroys else { return }
      if overruns > 0 {
        if socket.dropsEmittedDestroys { statistics.destroyFallbacks += 1 }
        socket.dropEmittedDestroys(false)
        destroyFallbackUntil = time.adding(destroyFallback)
      } else if let until = destroyFallbackUntil, time >= until {
        if socket.dropEmittedDestroys(true) == 0 { destroyFallbackUntil = nil }
      }
    }
  }
#endif
