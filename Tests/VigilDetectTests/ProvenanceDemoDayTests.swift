import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilDetect
import VigilTesting

/// The provenance detector over the shipped demo day (`demo/audit-day.jsonl.gz`): it must raise
/// nothing at WARNING or above on benign traffic. Its alerts are printed for the record.
@Suite struct ProvenanceDemoDayTests {
  static let root = SharedData.repositoryRoot

  static func attackAuditIDs() throws -> Set<String> {
    let data = try Data(contentsOf: root.appendingPathComponent("demo/expected.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let attacks = try #require(object["attacks"] as? [[String: Any]])
    return attacks.reduce(into: Set<String>()) {
      $0.formUnion($1["auditIDs"] as? [String] ?? [])
    }
  }

  @Test func raisesNoBenignWarningOnTheDemoDay() throws {
    let log = Self.root.appendingPathComponent("demo/audit-day.jsonl.gz").path
    var source = try AuditLogSource(paths: [log])
    var detector = ProvenanceDetector()
    var alerts: [Alert] = []
    var events = 0
    while let event = source.next() {
      events += 1
      alerts += detector.observe(event, at: event.time)
    }
    #expect(events > 30_000)
    // The demo's deployments are synced by Argo CD and Helm: their namespaces are learned.
    #expect(detector.namespaceCount >= 3)
    for alert in alerts {
      print("provenance on demo: \(alert.severity) \(alert.rule): \(alert.output)")
    }
    print("provenance on demo: \(alerts.count) alerts, \(detector.workloadCount) workloads")
    let attacks = try Self.attackAuditIDs()
    let benign = alerts.filter {
      $0.severity >= .warning && Set($0.evidence.compactMap(\.auditID)).isDisjoint(with: attacks)
    }
    #expect(benign.isEmpty, "benign traffic raised: \(benign.map(\.output))")
  }
}
