import VigilCore
import VigilDemo
import VigilJSON

/// The default demo day, generated and parsed once for all tests.
struct DemoDayFixture: Sendable {
  /// One parsed audit event.
  struct Entry: Sendable {
    var line: String
    var root: JSONValue
    var auditID: String { root["auditID"]?.string ?? "" }
    var stage: String { root["stage"]?.string ?? "" }
    var verb: String { root["verb"]?.string ?? "" }
    var uri: String { root["requestURI"]?.string ?? "" }
    var user: String { root.value(atPath: ["user", "username"])?.string ?? "" }
    var code: Int64? { root.value(atPath: ["responseStatus", "code"])?.int }
    var resource: String? { root.value(atPath: ["objectRef", "resource"])?.string }
    var subresource: String? { root.value(atPath: ["objectRef", "subresource"])?.string }
    var namespace: String? { root.value(atPath: ["objectRef", "namespace"])?.string }
    var stageTime: Timestamp? { root["stageTimestamp"]?.string.flatMap { Timestamp(rfc3339: $0) } }
    var receivedTime: Timestamp? {
      root["requestReceivedTimestamp"]?.string.flatMap { Timestamp(rfc3339: $0) }
    }
    var sourceIP: String { root["sourceIPs"]?[0]?.string ?? "" }
    var userAgent: String { root["userAgent"]?.string ?? "" }
  }

  /// Every event of the default day.
  let entries: [Entry]
  /// Lines that failed to parse.
  let unparsable: [String]
  /// The attacks.
  let attacks: [DemoAttack]

  /// Shared instance (generated lazily, once).
  static let shared = DemoDayFixture(log: DemoAuditLog())

  init(log: DemoAuditLog) {
    var entries: [Entry] = []
    var bad: [String] = []
    for line in log.lines() {
      do {
        let doc = try JSONDocument(parsing: line)
        entries.append(Entry(line: line, root: doc.root))
      } catch {
        bad.append(line)
      }
    }
    self.entries = entries
    self.unparsable = bad
    self.attacks = log.attacks()
  }

  /// The events of one request, in log order.
  func events(of auditID: String) -> [Entry] { entries.filter { $0.auditID == auditID } }

  /// The attack with this id.
  func attack(_ id: String) -> DemoAttack? { attacks.first { $0.id == id } }
}
