import Foundation
import Logging
import Metrics
import Synchronization
import VigilCore
import VigilNet

/// `vigil agent` assembled: a conntrack reader thread (events and a dump of the table at start,
/// turned into one flow record per connection) and a DNS capture thread (responses on the
/// node's interfaces into a per-client name cache) in the node's network namespace; each flow
/// is tagged with the name its source resolved for the destination and handed to the
/// ``FlowAgent``, which spools and ships it. Blocking socket reads run on their own threads,
/// never on the cooperative pool.
public final class NodeAgent: Sendable {
  /// What to read.
  public struct Configuration: Sendable {
    /// The node's name (stamped on every record).
    public var node: String
    /// The network namespace to read (a file such as `/proc/1/ns/net`); nil: the agent's own
    /// (the DaemonSet runs with hostNetwork).
    public var namespacePath: String?
    /// Capture DNS responses (needs CAP_NET_RAW).
    public var captureDNS = true
    /// The interface to capture DNS on; nil: all.
    public var dnsInterface: String?
    /// Follow conntrack UPDATE events (state changes) so a TCP connection is reported when it
    /// closes; without them it is reported at its DESTROY (after TIME_WAIT, about 2 minutes
    /// later) and the agent reads a third of the messages.
    public var followUpdates = true
    /// Read NEW events even when kernel timestamps make them unnecessary (open connections
    /// known from their first packet, at the cost of one more message per connection).
    public var followNew = false
    /// Turn on `nf_conntrack_acct` (byte and packet counters) when it is off.
    public var enableAccounting = true
    /// Most connections tracked at once (oldest evicted and counted).
    public var maxOpenFlows = 262_144
    /// Where the agent keeps the ids of connections it reported (so a restart does not report
    /// them again); nil: not kept.
    public var stateDirectory: String?
    /// Drop flows whose both ends are loopback addresses (processes on the node talking to
    /// themselves; never on the network).
    public var skipLoopback = true

    /// Creates a configuration for `node`.
    public init(node: String) { self.node = node }
  }

  /// Starting a reader failed.
  public struct StartFailure: Error, CustomStringConvertible {
    /// Explanation.
    public var description: String
  }

  /// The settings.
  public let configuration: Configuration
  private let flows: FlowAgent
  private let logger: Logger
  private let metrics: AgentReaderMetrics
  private let dns: Mutex<DNSCapture>
  private let stopping = Atomic<Bool>(false)
  private let running = Atomic<Int>(0)

  /// Creates the agent; ``run()`` starts it.
  public init(
    configuration: Configuration, flows: FlowAgent, logger: Logger, metrics: any MetricsFactory
  ) {
    self.configuration = configuration
    self.flows = flows
    self.logger = logger
    self.metrics = AgentReaderMetrics(factory: metrics)
    var capture = DNSCapture()
    capture.node = configuration.node
    dns = Mutex(capture)
  }

  /// Opens the sockets, runs the readers and the shipper until the task is cancelled, then
  /// stops the readers and flushes what they produced to the spool.
  public func run() async throws {
    let conntrack = try openConntrack()
    let capture = try configuration.captureDNS ? openCapture() : nil
    start(name: "vigil-conntrack") { [self] in readConntrack(conntrack) }
    if let capture { start(name: "vigil-dns") { [self] in readDNS(capture) } }
    logger.info(
      "vigil agent started",
      metadata: [
        "node": "\(configuration.node)", "dns": "\(capture != nil)",
        "namespace": "\(configuration.namespacePath ?? "own")",
      ])
    await flows.run()
    stopping.store(true, ordering: .releasing)
    while running.load(ordering: .acquiring) > 0 { try? await Task.sleep(for: .milliseconds(20)) }
    flows.flush()
    logger.info("vigil agent stopped")
  }

  private func openConntrack() throws -> ConntrackSocket {
    var timestamps = false
    if configuration.enableAccounting {
      do {
        let outcome = try ConntrackAccounting.enable(
          .accounting, namespacePath: configuration.namespacePath)
        if outcome == .turnedOn { logger.notice("turned on nf_conntrack_acct (byte counters)") }
        // Kernel start times for connections (else the time the event was read).
        _ = try? ConntrackAccounting.enable(.timestamps, namespacePath: configuration.namespacePath)
        timestamps =
          (try? ConntrackAccounting.isEnabled(
            .timestamps, namespacePath: configuration.namespacePath)) ?? false
      } catch {
        logger.warning(
          "cannot turn on nf_conntrack_acct: flows will carry no byte or packet counts",
          metadata: ["error": "\(error)"])
      }
    }
    // With kernel timestamps on, NEW events add nothing a record needs: a TCP connection is
    // taken up at its TIME_WAIT/CLOSE update (its start comes with the counters asked for then)
    // and anything else at its DESTROY (which carries start, stop and counters). Not joining the
    // NEW group spares one message per connection.
    let skipNew = timestamps && configuration.followUpdates && !configuration.followNew
    let events: Set<ConntrackEvent.Kind> =
      configuration.followUpdates
      ? (skipNew ? [.update, .destroy] : [.new, .update, .destroy]) : [.new, .destroy]
    if skipNew {
      logger.info(
        "kernel conntrack timestamps on: NEW events not read (start times from the kernel)")
    }
    do {
      // The tracker emits a TCP connection at its TIME_WAIT update, so its DESTROY (after the
      // TIME_WAIT timeout) only repeats it: the kernel drops those.
      let socket = try ConntrackSocket(
        configuration: .init(
          namespacePath: configuration.namespacePath, events: events,
          dropEmittedDestroys: configuration.followUpdates))
      if configuration.followUpdates && !socket.isFiltered {
        logger.warning(
          "the kernel refused the conntrack update filter: every state change is read",
          metadata: ["errno": "\(socket.filterError)"])
      } else if configuration.followUpdates && !socket.canDropEmittedDestroys {
        logger.warning(
          "the kernel refused the conntrack DESTROY filter: every DESTROY is read",
          metadata: ["errno": "\(socket.destroyFilterError)"])
      }
      return socket
    } catch {
      throw StartFailure(
        description: "cannot open the conntrack netlink socket (needs CAP_NET_ADMIN): \(error)")
    }
  }

  private func openCapture() throws -> PacketCaptureSocket {
    do {
      return try PacketCaptureSocket(
        .init(interface: configuration.dnsInterface, namespacePath: configuration.namespacePath))
    } catch {
      throw StartFailure(
        description: "cannot open the DNS capture socket (needs CAP_NET_RAW): \(error)")
    }
  }

  private func start(name: String, _ body: @escaping @Sendable () -> Void) {
    running.add(1, ordering: .acquiringAndReleasing)
    let thread = Thread { [self] in
      body()
      running.subtract(1, ordering: .acquiringAndReleasing)
    }
    thread.name = name
    thread.start()
  }

  private var isStopping: Bool { stopping.load(ordering: .acquiring) }

  private func readConntrack(_ socket: ConntrackSocket) {
    var tracker = ConntrackFlowTracker.Configuration()
    tracker.node = configuration.node
    tracker.maxOpenFlows = configuration.maxOpenFlows
    if socket.canDropEmittedDestroys,
      let timeWait = ConntrackTimeWaitTimeout.read(namespacePath: configuration.namespacePath)
    {
      // No DESTROY ends the memory of a connection emitted at TIME_WAIT: keep it as long as
      // its entry can still be in the table (and send a late event), not 180 s.
      tracker.timeWaitRetention = timeWait + Self.timeWaitMargin
    }
    let reader = ConntrackFlowReader(
      socket: socket, tracker: ConntrackFlowTracker(configuration: tracker))
    let emitted = configuration.stateDirectory.map {
      EmittedConnections(path: $0 + "/conntrack-emitted", retention: tracker.closedRetention)
    }
    if let saved = emitted?.load(now: .now()) {
      reader.rememberEmitted(ids: saved.ids, until: saved.until)
      logger.info(
        "connections reported before the restart will not be reported again",
        metadata: ["count": "\(saved.ids.count)"])
    }
    var lastSave = ContinuousClock.now
    var savedCount = -1
    defer { try? emitted?.save(reader.tracker.emittedIDs, now: .now()) }
    do {
      try reader.requestDump()
    } catch {
      logger.warning("cannot dump the conntrack table", metadata: ["error": "\(error)"])
    }
    var seen = ReaderProgress()
    // Events per kind, at ``kindIndex(_:)`` (an array: no hashing per event).
    var kinds = [Int](repeating: 0, count: 4)
    var lastReport = ContinuousClock.now
    var destroyFallbacks = 0
    while !isStopping {
      let eventsBefore = reader.statistics.events
      do {
        var records = try reader.poll(
          timeout: .milliseconds(250), onEvent: { kinds[Self.kindIndex($0.kind)] += 1 })
        if configuration.skipLoopback {
          records.removeAll { Self.isLoopback($0.sourceIP) && Self.isLoopback($0.destinationIP) }
        }
        if !records.isEmpty {
          dns.withLock { capture in
            for index in records.indices {
              records[index].dnsName = capture.name(
                for: records[index].destinationIP, client: records[index].sourceIP,
                at: records[index].start)
            }
          }
          flows.submit(records)
        }
      } catch {
        logger.error("conntrack read failed", metadata: ["error": "\(error)"])
        Thread.sleep(forTimeInterval: 0.5)
      }
      if reader.statistics.destroyFallbacks != destroyFallbacks {
        destroyFallbacks = reader.statistics.destroyFallbacks
        logger.warning(
          """
          the kernel dropped conntrack events: every DESTROY is read for a while, so connections \
          whose close was lost are still reported
          """,
          metadata: ["for": "\(reader.destroyFallback)"])
      }
      if ContinuousClock.now - lastReport >= .seconds(1) {
        lastReport = ContinuousClock.now
        var counted: [ConntrackEvent.Kind: Int] = [:]
        for kind in ConntrackEvent.Kind.allCases where kinds[Self.kindIndex(kind)] > 0 {
          counted[kind] = kinds[Self.kindIndex(kind)]
          kinds[Self.kindIndex(kind)] = 0
        }
        metrics.report(conntrack: reader, socket: socket, kinds: counted, since: &seen)
      }
      // Waking for every event costs more than handling it: after a small batch, let events
      // gather for a moment (the socket buffer holds seconds of them; records are due anyway
      // only when the batch is spooled).
      if reader.statistics.events - eventsBefore < Self.coalescingThreshold && !isStopping {
        Thread.sleep(forTimeInterval: Self.coalescingPause)
      }
      if let emitted, ContinuousClock.now - lastSave >= .seconds(2) {
        lastSave = ContinuousClock.now
        let emittedSoFar = reader.tracker.statistics.emitted
        if emittedSoFar != savedCount {
          savedCount = emittedSoFar
          do {
            try emitted.save(reader.tracker.emittedIDs, now: .now())
          } catch {
            logger.warning("cannot save reported connection ids", metadata: ["error": "\(error)"])
          }
        }
      }
    }
  }

  /// Where `kind` is counted in the reader's per-kind array (4 slots).
  static func kindIndex(_ kind: ConntrackEvent.Kind) -> Int {
    switch kind {
    case .new: 0
    case .update: 1
    case .destroy: 2
    case .dump: 3
    }
  }

  /// Added to the kernel's TIME_WAIT timeout for how long connections emitted at TIME_WAIT are
  /// remembered (the kernel removes a timed-out entry a little later).
  static let timeWaitMargin = Duration.seconds(10)

  /// A poll that handled fewer events than this is followed by ``coalescingPause``.
  static let coalescingThreshold = 1_024
  /// How long events gather after a small batch (a closed connection's record is ready within
  /// about this: the counter replies are read in the same poll as the close).
  static let coalescingPause = 0.05

  /// `127.0.0.0/8` or `::1`.
  static func isLoopback(_ address: String) -> Bool {
    address.hasPrefix("127.") || address == "::1"
  }

  private func readDNS(_ socket: PacketCaptureSocket) {
    var seen = ReaderProgress()
    var lastReport = ContinuousClock.now
    while !isStopping {
      do {
        if let frame = try socket.receive() {
          let now = Timestamp.now()
          let lookups = dns.withLock { capture in
            capture.observe(frame, at: now)
            return capture.takeLookups()
          }
          // Names looked up, matched by the server even when no connection follows.
          if !lookups.isEmpty { flows.submit(lookups) }
        }
      } catch {
        logger.error("DNS capture read failed", metadata: ["error": "\(error)"])
        Thread.sleep(forTimeInterval: 0.5)
      }
      if ContinuousClock.now - lastReport >= .seconds(1) {
        lastReport = ContinuousClock.now
        let counters = dns.withLock { $0.counters }
        metrics.report(dns: counters, socket: socket, since: &seen)
      }
    }
  }
}
