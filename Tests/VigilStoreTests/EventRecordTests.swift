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
    if case .audit(let a) = event.payload {
      event.payload = .audit(
        AuditEvent(
          auditID: a.auditID, stage: a.stage, verb: a.verb, requestURI: a.requestURI,
          level: a.level, user: a.user, impersonatedUser: UserInfo(username: "admin"),
          sourceIPs: a.sourceIPs, userAgent: a.userAgent, objectRef: a.objectRef,
          responseCode: a.responseCode, requestReceivedAt: a.requestReceivedAt,
          stageAt: a.stageAt, shape: .eks, truncated: true, document: a.document))
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
