import Foundation
import Testing
import VigilDemo
import VigilJSON

/// The shipped `demo/` files are exactly what the generator produces.
@Suite struct DemoAuditLogShippedTests {
  static let regenerating = ProcessInfo.processInfo.environment["VIGIL_REGENERATE_DEMO"] == "1"

  /// Rewrites `demo/audit-day.jsonl.gz` and `demo/expected.json` (run by `demo/generate.sh`).
  @Test(.enabled(if: regenerating, "set VIGIL_REGENERATE_DEMO=1 to rewrite demo/"))
  func regenerateDemoFiles() throws {
    let log = DemoAuditLog()
    let plain = DemoFiles.folder.appendingPathComponent("audit-day.jsonl").path
    let count = try log.write(to: plain)
    let gz = try DemoFiles.run("/bin/gzip", ["-n", "-9", "-c", plain])
    try gz.write(to: DemoFiles.log)
    try FileManager.default.removeItem(atPath: plain)
    try DemoFiles.encode(DemoFiles.expectations(for: log, events: count)).write(
      to: DemoFiles.expected)
  }

  @Test(.disabled(if: regenerating, "regenerating"))
  func shippedLogMatchesGenerator() throws {
    let data = try DemoFiles.run("/bin/gzip", ["-dc", DemoFiles.log.path])
    let generated = DemoAuditLog().lines()
    var expected = generated.joined(separator: "\n")
    expected += "\n"
    #expect(data.count == expected.utf8.count)
    #expect(data == Data(expected.utf8))
  }

  @Test(.disabled(if: regenerating, "regenerating"))
  func expectationsListRealAuditIDs() throws {
    let shipped = try JSONDecoder().decode(
      DemoFiles.Expectations.self, from: Data(contentsOf: DemoFiles.expected))
    let log = DemoAuditLog()
    let lines = log.lines()
    let current = shipped == DemoFiles.expectations(for: log, events: lines.count)
    #expect(current, "demo/expected.json is stale: run demo/generate.sh")
    var ids: Set<String> = []
    for line in lines {
      let doc = try JSONDocument(parsing: line)
      if let id = doc.root["auditID"]?.string { ids.insert(id) }
    }
    #expect(shipped.attacks.count >= 15)
    for attack in shipped.attacks {
      #expect(!attack.auditIDs.isEmpty, "\(attack.id)")
      #expect(!attack.rules.isEmpty, "\(attack.id)")
      for id in attack.auditIDs { #expect(ids.contains(id), "\(attack.id): \(id) not in the log") }
    }
  }
}
