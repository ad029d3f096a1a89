import Testing
import VigilAudit
import VigilCore
import VigilJSON

/// EKS (CloudWatch) and AKS (diagnostic logs) wrappers around native events.
@Suite struct CloudShapeTests {
  let decoder = AuditDecoder()

  func expectPod(_ text: String, shape: AuditEvent.Shape, count: Int = 1) throws {
    let (events, diagnostics) = decoder.decode(text: text)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(events.count == count)
    for event in events {
      let audit = try #require(event.audit)
      #expect(audit.shape == shape)
      #expect(audit.auditID == "8a4f1c2e-0b6d-4c4e-9f0a-2b7e5d1c3a90")
      #expect(audit.user.username == "alice@example.com")
      #expect(audit.document.root["kind"]?.string == "Event")
      #expect(audit.document.root["message"] == nil && audit.document.root["properties"] == nil)
      #expect(event.time == Timestamp(rfc3339: "2024-05-01T10:00:00.12Z"))
    }
  }

  @Test func eksCloudWatchRecord() throws {
    try expectPod(AuditSamples.cloudWatchRecord(AuditSamples.podCreate), shape: .eks)
  }

  @Test func eksFilterLogEventsOutput() throws {
    let record = AuditSamples.cloudWatchRecord(AuditSamples.podCreate)
    try expectPod(
      #"{"events":[\#(record),\#(record)],"searchedLogStreams":[]}"#, shape: .eks, count: 2)
  }

  @Test func eksSubscriptionPayload() throws {
    let text =
      #"{"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"/aws/eks/prod/cluster","logStream":"kube-apiserver-audit-1","subscriptionFilters":["vigil"],"logEvents":[{"id":"1","timestamp":1714557600000,"message":\#(JSONText.quoted(AuditSamples.podCreate))}]}"#
    try expectPod(text, shape: .eks)
    let control = decoder.decode(text: #"{"messageType":"CONTROL_MESSAGE","logEvents":[]}"#)
    #expect(control.events.isEmpty)
    #expect(control.diagnostics.first?.code == .notAuditEvent)
  }

  @Test func eksS3ExportLine() throws {
    try expectPod("2024-05-01T10:00:00.120Z \(AuditSamples.podCreate)", shape: .eks)
    let bare = AuditSamples.partial.replacingOccurrences(
      of: #""timestamp":"2018-10-26T09:31:36Z","#, with: "")
    let (events, _) = decoder.decode(text: "2024-05-01T10:00:00Z \(bare)")
    #expect(events.first?.time == Timestamp(rfc3339: "2024-05-01T10:00:00Z"))
  }

  @Test func eksRecordTimestampIsTheFallbackTime() throws {
    let text = AuditSamples.cloudWatchRecord(
      #"{"auditID":"t","verb":"get"}"#, timestamp: 1_700_000_000_123)
    let (events, _) = decoder.decode(text: text)
    #expect(events.first?.time == Timestamp(nanoseconds: 1_700_000_000_123_000_000))
  }

  @Test func eksMessageThatIsNotAnEvent() {
    let text = AuditSamples.cloudWatchRecord("I0501 10:00:00.000000 1 controller.go:1] started")
    let (events, diagnostics) = decoder.decode(text: text)
    #expect(events.isEmpty)
    #expect(diagnostics.count == 1)
    #expect(
      diagnostics.first?.message.hasPrefix(
        "not a Kubernetes audit event: the CloudWatch message is not JSON") == true)
  }

  @Test func aksStringObjectAndRecords() throws {
    try expectPod(AuditSamples.aksRecord(AuditSamples.podCreate), shape: .aks)
    try expectPod(AuditSamples.aksRecord(AuditSamples.podCreate, asObject: true), shape: .aks)
    let admin = AuditSamples.aksRecord(AuditSamples.podCreate, category: "kube-audit-admin")
    try expectPod(
      #"{"records":[\#(admin),\#(AuditSamples.aksRecord(AuditSamples.podCreate))]}"#, shape: .aks,
      count: 2)
  }

  @Test func aksOtherCategories() {
    let text = AuditSamples.aksRecord(#"I0501 started"#, category: "kube-apiserver")
    let (events, diagnostics) = decoder.decode(text: text)
    #expect(events.isEmpty)
    #expect(
      diagnostics.first?.message
        == "not a Kubernetes audit event: AKS log category kube-apiserver is not kube-audit")
  }

  @Test func aksRecordTimeIsTheFallbackTime() {
    let (events, _) = decoder.decode(text: AuditSamples.aksRecord(#"{"auditID":"t","verb":"get"}"#))
    #expect(events.first?.time == Timestamp(rfc3339: "2024-05-01T13:00:00Z"))
    #expect(events.first?.audit?.shape == .aks)
  }
}
