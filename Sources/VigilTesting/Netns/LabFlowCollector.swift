import Foundation
import Synchronization
import VigilCore
import VigilNet

/// The node agent's readers without the shipping, for tests: conntrack events and DNS responses
/// read in a lab's node namespace on two threads, turned into flow records (with the DNS name
/// each source resolved) and collected in memory. `stop()` ends the threads.
public final class LabFlowCollector: Sendable {
  private let records = Mutex<[FlowRecord]>([])
  private let dns = Mutex(DNSCapture(cache: DNSCache(minimumTTL: 300)))
  private let stopping = Atomic<Bool>(false)
  private let running = Atomic<Int>(0)

  /// Starts reading in `namespacePath` (the lab's `node.path`); `node` is stamped on records.
  public init(namespacePath: String, node: String = "lab-node", captureDNS: Bool = true) throws {
    _ = try? ConntrackAccounting.enable(.accounting, namespacePath: namespacePath)
    let conntrack = try ConntrackSocket(configuration: .init(namespacePath: namespacePath))
    let capture =
      captureDNS ? try PacketCaptureSocket(.init(namespacePath: namespacePath)) : nil
    start { [self] in readConntrack(conntrack, node: node) }
    if let capture { start { [self] in readDNS(capture) } }
  }

  /// The records collected so far.
  public var flows: [FlowRecord] { records.withLock { $0 } }

  /// Waits (bounded by `timeout`) until `condition` holds over the collected records.
  public func wait(
    timeout: Duration = .seconds(30), until condition: ([FlowRecord]) -> Bool
  ) async throws -> [FlowRecord] {
    let deadline = ContinuousClock.now + timeout
    while true {
      let current = flows
      if condition(current) { return current }
      guard ContinuousClock.now < deadline else {
        throw Timeout(description: "timed out with \(current.count) flows collected")
      }
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  /// A wait ran out.
  public struct Timeout: Error, CustomStringConvertible {
    /// What was collected.
    public var description: String
  }

  /// Stops the reader threads and waits for them.
  public func stop() {
    stopping.store(true, ordering: .releasing)
    while running.load(ordering: .acquiring) > 0 { usleep(10_000) }
  }

  deinit { stop() }

  private func start(_ body: @escaping @Sendable () -> Void) {
    running.add(1, ordering: .acquiringAndReleasing)
    Thread { [self] in
      body()
      running.subtract(1, ordering: .acquiringAndReleasing)
    }.start()
  }

  private func readConntrack(_ socket: ConntrackSocket, node: String) {
    let reader = ConntrackFlowReader(
      socket: socket, tracker: ConntrackFlowTracker(configuration: .init(node: node)))
    try? reader.requestDump()
    while !stopping.load(ordering: .acquiring) {
      guard var batch = try? reader.poll(timeout: .milliseconds(100)), !batch.isEmpty else {
        continue
      }
      dns.withLock { capture in
        for i in batch.indices {
          batch[i].dnsName = capture.name(
            for: batch[i].destinationIP, client: batch[i].sourceIP, at: batch[i].start)
        }
      }
      records.withLock { $0.append(contentsOf: batch) }
    }
  }

  private func readDNS(_ socket: PacketCaptureSocket) {
    while !stopping.load(ordering: .acquiring) {
      guard let frame = try? socket.receive() else { continue }
      let now = Timestamp.now()
      let lookups = dns.withLock { capture in
        capture.observe(frame, at: now)
        return capture.takeLookups()
      }
      if !lookups.isEmpty { records.withLock { $0.append(contentsOf: lookups) } }
    }
  }
}
