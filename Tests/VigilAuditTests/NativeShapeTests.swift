import Testing
import VigilAudit
import VigilCore
import VigilJSON

/// Native audit.k8s.io events: single, EventList, arrays, old and partial shapes, non-events.
@Suite struct NativeShapeTests {
  let decoder = AuditDecoder()

  @Test func podCreateFillsEveryField() throws {
    let (events, diagnostics) = decoder.decode(
      text: AuditSamples.podCreate, at: SourcePosition(file: "a.log", line: 7))
    #expect(diagnostics.isEmpty)
    let event = try #require(events.first)
    let audit = try #require(event.audit)
    #expect(event.position == SourcePosition(file: "a.log", line: 7))
    #expect(event.source == "k8s_audit")
    #expect(audit.auditID == "8a4f1c2e-0b6d-4c4e-9f0a-2b7e5d1c3a90")
    #expect(audit.stage == "ResponseComplete")
    #expect(audit.verb == "create")
    #expect(
      audit.requestURI == "/api/v1/namespaces/default/pods?fieldManager=kubectl-client-side-apply")
    #expect(audit.level == "RequestResponse")
    #expect(
      audit.user
        == UserInfo(
          username: "alice@example.com", uid: "u-123",
          groups: ["developers", "system:authenticated"]))
    #expect(audit.impersonatedUser?.username == "system:serviceaccount:ci:deployer")
    #expect(audit.impersonatedUser?.isServiceAccount == true)
    #expect(audit.sourceIPs == ["203.0.113.7", "10.0.0.5"])
    #expect(audit.userAgent == "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350")
    #expect(
      audit.objectRef
        == ObjectReference(resource: "pods", namespace: "default", name: "nginx", apiVersion: "v1"))
    #expect(audit.responseCode == 201)
    #expect(audit.requestReceivedAt == Timestamp(rfc3339: "2024-05-01T10:00:00.1Z"))
    #expect(audit.stageAt == Timestamp(rfc3339: "2024-05-01T10:00:00.12Z"))
    #expect(event.time == audit.stageAt)
    #expect(audit.shape == .native)
    #expect(!audit.truncated)
    // Not a secret: the document is the input, byte for byte.
    #expect(audit.document.bytes == Array(AuditSamples.podCreate.utf8))
    #expect(
      audit.document.root.value(atPath: ["requestObject", "spec", "containers", "0", "image"])?
        .string == "nginx:1.27")
  }

  @Test func eventListAndArrays() {
    let a = AuditSamples.event(auditID: "a")
    let b = AuditSamples.event(auditID: "b")
    let list =
      #"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[\#(a),\#(b)]}"#
    for text in [list, "[\(a),\(b)]", "[\(list)]", "[[\(a)],\(b)]"] {
      let (events, diagnostics) = decoder.decode(text: text)
      #expect(events.map { $0.audit?.auditID } == ["a", "b"], "\(text.prefix(40))")
      #expect(diagnostics.isEmpty)
      // Each event's document holds only that event.
      #expect(events.first?.audit?.document.root["auditID"]?.string == "a")
      #expect(events.first?.audit?.document.root["items"] == nil)
    }
    let empty = decoder.decode(
      text: #"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[]}"#)
    #expect(empty.events.isEmpty && empty.diagnostics.isEmpty)
  }

  @Test func partialOldEvent() throws {
    let (events, diagnostics) = decoder.decode(text: AuditSamples.partial)
    #expect(diagnostics.isEmpty)
    let audit = try #require(events.first?.audit)
    #expect(audit.stage == nil)
    #expect(audit.stageAt == nil && audit.requestReceivedAt == nil)
    #expect(audit.userAgent == nil)
    #expect(audit.responseCode == nil)
    #expect(events[0].time == Timestamp(rfc3339: "2018-10-26T09:31:36Z"))
    #expect(audit.objectRef?.name == "c")
  }

  @Test func minimalEventsAndMissingTimes() throws {
    let onlyURI = decoder.decode(text: #"{"auditID":"x","requestURI":"/healthz"}"#)
    #expect(onlyURI.events.first?.audit?.verb == "")
    #expect(onlyURI.events.first?.time == Timestamp(nanoseconds: 0))
    #expect(onlyURI.events.first?.audit?.user.username == "")
    let received = decoder.decode(
      text: #"{"auditID":"x","verb":"get","requestReceivedTimestamp":"2024-01-02T03:04:05Z"}"#)
    #expect(received.events.first?.time == Timestamp(rfc3339: "2024-01-02T03:04:05Z"))
    // Wrong types are treated as absent, not as errors.
    let odd = decoder.decode(
      text:
        #"{"auditID":"x","verb":"get","user":"bob","sourceIPs":"1.2.3.4","stage":7,"objectRef":[],"responseStatus":{"code":"200"},"stageTimestamp":"yesterday"}"#
    )
    let audit = try #require(odd.events.first?.audit)
    #expect(audit.user.username == "" && audit.sourceIPs.isEmpty && audit.stage == nil)
    #expect(audit.objectRef == nil && audit.responseCode == nil && audit.stageAt == nil)
  }

  @Test func jsonPatchRequestObjectIsKept() throws {
    let text =
      #"{"kind":"Event","auditID":"p","verb":"patch","requestURI":"/apis/apps/v1/namespaces/d/deployments/web","objectRef":{"resource":"deployments","namespace":"d","name":"web","apiGroup":"apps"},"requestObject":[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"evil:latest"}]}"#
    let (events, _) = decoder.decode(text: text)
    let audit = try #require(events.first?.audit)
    #expect(audit.objectRef?.apiGroup == "apps")
    #expect(
      audit.document.root.value(atPath: ["requestObject", "0", "value"])?.string == "evil:latest")
  }

  @Test(arguments: [
    (#"{"kind": 0}"#, "kind is a number (0), not \"Event\""),
    (#"{"kind":"Pod","auditID":"x","verb":"get"}"#, "kind is the string \"Pod\", not \"Event\""),
    (#"{"verb":"get","requestURI":"/"}"#, "no auditID"),
    (#"{"auditID":5,"verb":"get"}"#, "auditID is a number (5), not a string"),
    (#"{"auditID":"x"}"#, "no verb or requestURI"),
    ("42", "a number (42), not an object"),
    ("null", "null, not an object"),
    (#""hello""#, "a string, not an object"),
    (#"{"kind":"EventList","items":5}"#, "EventList without an items array"),
  ])
  func notAuditEvents(text: String, reason: String) {
    let (events, diagnostics) = decoder.decode(text: text, at: SourcePosition(file: "f", line: 3))
    #expect(events.isEmpty)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.code == .notAuditEvent)
    #expect(diagnostics.first?.message == "not a Kubernetes audit event: \(reason)")
    #expect(diagnostics.first?.position == SourcePosition(file: "f", line: 3))
  }

  @Test func arrayWithSomeBadItems() {
    let text = "[\(AuditSamples.event(auditID: "ok")), {\"kind\":0}, 7]"
    let (events, diagnostics) = decoder.decode(text: text)
    #expect(events.count == 1)
    #expect(diagnostics.map(\.code) == [.notAuditEvent, .notAuditEvent])
  }

  @Test func notJSON() {
    let (events, diagnostics) = decoder.decode(
      text: #"{"auditID": "x", "#, at: SourcePosition(file: "g.log", line: 9))
    #expect(events.isEmpty)
    #expect(diagnostics.first?.code == .notJSON)
    #expect(
      diagnostics.first?.description == "g.log:9: not JSON: unexpected end of input at offset 17")
  }
}
