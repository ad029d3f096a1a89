import Foundation
import Synchronization
import Testing
import VigilCore
import VigilHTTPTesting
import VigilStore
import VigilTesting

/// Durable before acknowledged: `kill -9` while clients are posting, then a restart on the same
/// files, loses no event that got a 200, and alerts on none twice.
@Suite(.serialized) struct ServeCrashRecoveryTests {
  @Test func killNineUnderLoadLosesNothingAcknowledged() async throws {
    let directory = try AuditBodies.directory()
    let store = directory.appendingPathComponent("vigil.db").path
    let rules = AuditBodies.repository.appendingPathComponent("rules/audit.yaml").path
    let arguments = [
      "--listen", "127.0.0.1:0", "--auth-tokens", "crash-test", "--store", store,
      "--rules", rules, "--sink", "file:archive,path=\(directory.path)/alerts.jsonl",
    ]
    let first = try ServeProcess(arguments)
    let port = try await first.port()
    let client = try WebhookClient(base: "http://127.0.0.1:\(port)")
    let acknowledged = Tally()

    // Four clients post 20-event batches (one exec per event, each its own alert) until the
    // server dies under them.
    let load = Task {
      await withTaskGroup(of: Void.self) { group in
        for worker in 0..<4 {
          group.addTask {
            for round in 0..<10_000 {
              let ids = (0..<20).map { "w\(worker)-r\(round)-e\($0)" }
              let body = AuditBodies.eventList(ids.map { AuditBodies.exec(id: $0, pod: $0) })
              acknowledged.state.withLock { $0.sent += ids.count }
              guard let response = try? await client.send(body: body, token: "crash-test") else {
                return
              }
              if response.status == 200 { acknowledged.state.withLock { $0.acknowledged += ids } }
            }
          }
        }
      }
    }
    // Kill it once a good number of batches were acknowledged, with requests still in flight.
    let deadline = ContinuousClock.now + .seconds(30)
    while acknowledged.state.withLock({ $0.acknowledged.count }) < 2_000,
      ContinuousClock.now < deadline
    {
      try await Task.sleep(for: .milliseconds(10))
    }
    first.kill9()
    await load.value
    let acked = Set(acknowledged.state.withLock { $0.acknowledged })
    #expect(acked.count >= 2_000)

    let before = try SQLiteStore(path: store).counts().alerts
    try? SQLiteStore(path: store).close()

    // Restart on the same files: the queued batches are processed; nothing is alerted twice.
    let second = try ServeProcess(arguments)
    _ = try await second.port()
    let reader = try SQLiteStore(path: store)
    let alertDeadline = ContinuousClock.now + .seconds(60)
    var alerted: [String] = []
    while ContinuousClock.now < alertDeadline {
      alerted = try reader.alerts(AlertQuery(limit: 1_000_000)).flatMap {
        $0.record.evidence.compactMap(\.auditID)
      }
      if Set(alerted).isSuperset(of: acked) { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(second.stop() == 0)
    print(
      "kill -9 under load: \(acked.count) events acknowledged, \(before) alerted before the"
        + " restart, \(Set(alerted).count) after it")
    let missing = acked.subtracting(alerted)
    #expect(missing.count == 0, "acknowledged but never alerted, e.g. \(missing.prefix(3))")
    #expect(alerted.count == Set(alerted).count, "an event alerted twice")
    // Only events that were sent can have been alerted (unacknowledged ones may or may not be).
    #expect(alerted.count <= acknowledged.state.withLock { $0.sent })
    try await client.shutdown()
  }
}

/// What the load clients sent and got acknowledged.
final class Tally: Sendable {
  struct State {
    var sent = 0
    var acknowledged: [String] = []
  }

  let state = Mutex(State())
}
