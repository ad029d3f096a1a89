import Foundation
import Testing
import VigilCore
import VigilHTTPTesting
import VigilStore
import VigilTesting

/// `vigil serve` keeps what its baselines learned: profiles are saved at shutdown and restored
/// at the next start, and `vigil baseline lock` reaches the running server through the store.
@Suite(.serialized) struct ServeBaselinesTests {
  @Test func profilesSurviveARestartAndFeedbackReachesTheServer() async throws {
    let directory = try AuditBodies.directory()
    let store = directory.appendingPathComponent("vigil.db").path
    let rules = AuditBodies.repository.appendingPathComponent("rules/audit.yaml").path
    let arguments = [
      "--listen", "127.0.0.1:0", "--auth-tokens", "baseline-test", "--store", store,
      "--rules", rules, "--sink", "file:archive,path=\(directory.path)/alerts.jsonl",
    ]
    let first = try ServeProcess(arguments)
    let port = try await first.port()
    let client = try WebhookClient(base: "http://127.0.0.1:\(port)")
    let ids = (0..<20).map { "baseline-\($0)" }
    let response = try await client.send(
      body: AuditBodies.eventList(ids.map { AuditBodies.exec(id: $0, pod: "web-\($0)") }),
      token: "baseline-test")
    #expect(response.status == 200)
    try await client.shutdown()
    // Processed once the exec alerts are stored.
    let reader = try SQLiteStore(path: store)
    let deadline = ContinuousClock.now + .seconds(30)
    while try reader.counts().alerts == 0, ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(first.stop() == 0, "\(first.output)")
    let saved = try reader.profiles(stream: "audit")
    #expect(saved.contains { $0.kind == "user" }, "\(saved.map(\.entity))")
    #expect(saved.contains { $0.entity == "_book" })

    let second = try ServeProcess(arguments)
    _ = try await second.port()
    try await second.waitForLog("learned profiles restored")
    let user = try #require(saved.first { $0.kind == "user" }?.entity)
    let lock = try Command.run(
      [ServeProcess.binary.path, "baseline", "lock", user, "--db", store], check: false)
    #expect(lock.status == 0, "\(lock.error)")
    try await second.waitForLog("baseline feedback applied")
    #expect(second.stop() == 0)
    let locked = try reader.profiles(stream: "audit").first { $0.entity == user }
    let body = locked.map { String(decoding: $0.body, as: UTF8.self) } ?? ""
    #expect(body.contains("\"locked\":true"), "\(body)")
    let listed = try Command.run([ServeProcess.binary.path, "baseline", "list", "--db", store])
    #expect(listed.output.contains(user) && listed.output.contains("locked"), "\(listed.output)")
    try? reader.close()
  }
}
