import Testing
import VigilCore
import VigilStore

@Suite("EventRecord")
struct EventRecordTests {
  @Test("a record takes its columns from the audit event")
  func fromAuditEvent() throws {
    var event = try StoreFixtures.auditEvent(
      id: "x1", at: 4, user: "system:serviceaccount:ci:deployer", groups: ["a", "b"],
      verb: "create", namespace: "prod", resource: "pods", subresource: "exec", name: "api-7",
      code: 403, line: 42)
    if case .audit(var audit) = event.payload {
      audit.impersonatedUser = UserInfo(username: "admin")
      audit.shape = .eks
      audit.truncated = true
      event.payload = .audit(audit)
    }
    let record = EventRecord(event: event)
    #expect(record.time == StoreFixtures.at(4))
    #expect(record.source == "k8s_audit")
    #expect(record.auditID == "x1")
    #expect(record.stage == "ResponseComplete")
    #expect(record.verb == "create")
    #expect(record.requestURI == "/api/v1/pods")
    #expect(record.user == "system:serviceaccount:ci:deployer")
    #expect(record.userGroups == ["a", "b"])
    #expect(record.impersonatedUser == "admin")
    #expect(record.sourceIP == "10.1.2.3")
    #expect(record.userAgent == "kubectl/v1.30.0")
    #expect(record.namespace == "prod")
    #expect(record.resource == "pods")
    #expect(record.subresource == "exec")
    #expect(record.name == "api-7")
    #expect(record.apiGroup == "")
    #expect(record.responseCode == 403)
    #expect(record.shape == .eks)
    #expect(record.position == SourcePosition(file: "audit.log", line: 42))
    #expect(record.truncated)
    #expect(record.raw == event.audit?.document.bytes)
  }
}
