import Testing
import VigilAudit
import VigilCore
import VigilJSON

/// Oversized events are kept as metadata only, flagged, and reported.
@Suite struct SizeLimitTests {
  @Test func oversizedEventKeepsMetadata() throws {
    var configuration = AuditDecoder.Configuration()
    configuration.maxEventBytes = 2_000
    let decoder = AuditDecoder(configuration: configuration)
    let text = AuditSamples.event(auditID: "big", bodyBytes: 5_000)
    let (events, diagnostics) = decoder.decode(text: text, at: SourcePosition(file: "x", line: 4))
    let audit = try #require(events.first?.audit)
    #expect(audit.truncated)
    #expect(audit.auditID == "big" && audit.verb == "create" && audit.responseCode == 201)
    #expect(audit.document.root["requestObject"] == nil)
    #expect(audit.document.root["objectRef"]?["name"]?.string == "big")
    #expect(audit.document.bytes.count < 2_000)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.code == .truncated)
    #expect(diagnostics.first?.position == SourcePosition(file: "x", line: 4))
    #expect(diagnostics.first?.message.contains("over the limit of 2000") == true)
  }

  @Test func smallEventsAreUntouched() {
    let decoder = AuditDecoder()
    let (events, diagnostics) = decoder.decode(
      text: AuditSamples.event(auditID: "s", bodyBytes: 5_000))
    #expect(events.first?.audit?.truncated == false)
    #expect(diagnostics.isEmpty)
  }

  @Test func oversizedSecretIsStillRedacted() throws {
    var configuration = AuditDecoder.Configuration()
    configuration.maxEventBytes = 300
    let (events, _) = AuditDecoder(configuration: configuration).decode(
      text: AuditSamples.secretCreate)
    let audit = try #require(events.first?.audit)
    #expect(audit.truncated)
    let output = String(decoding: audit.document.bytes, as: UTF8.self)
    for secret in AuditSamples.secretValues { #expect(!output.contains(secret)) }
  }
}
