import Testing
import VigilAudit
import VigilCore
import VigilJSON

/// Secrets never survive decoding, in any shape; keys stay visible, other bytes are unchanged.
@Suite struct SecretRedactorTests {
  let decoder = AuditDecoder()

  func expectNoSecret(_ text: String, shape: AuditEvent.Shape) throws -> JSONValue {
    let (events, diagnostics) = decoder.decode(text: text)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    let audit = try #require(events.first?.audit)
    #expect(audit.shape == shape)
    let output = String(decoding: audit.document.bytes, as: UTF8.self)
    for secret in AuditSamples.secretValues + ["cGxhaW4tdG9rZW4tWFla"] {
      #expect(!output.contains(secret), "\(shape): \(secret) survived")
    }
    return audit.document.root
  }

  @Test func nativeSecretCreate() throws {
    let root = try expectNoSecret(AuditSamples.secretCreate, shape: .native)
    #expect(root.value(atPath: ["requestObject", "data", "password"])?.string == "<redacted>")
    #expect(root.value(atPath: ["requestObject", "data", "api"])?.string == "<redacted>")
    #expect(root.value(atPath: ["requestObject", "stringData", "note"])?.string == "<redacted>")
    #expect(root.value(atPath: ["responseObject", "data", "token"])?.string == "<redacted>")
    #expect(
      root.value(atPath: [
        "requestObject", "metadata", "annotations",
        "kubectl.kubernetes.io/last-applied-configuration",
      ])?.string == "<redacted>")
    // Everything else is intact.
    #expect(
      root.value(atPath: ["requestObject", "metadata", "annotations", "team"])?.string == "payments"
    )
    #expect(root.value(atPath: ["requestObject", "type"])?.string == "Opaque")
    #expect(root["auditID"]?.string == "5e0c9a4b-secret-create")
  }

  @Test func everyWrapperShape() throws {
    _ = try expectNoSecret(AuditSamples.cloudWatchRecord(AuditSamples.secretCreate), shape: .eks)
    _ = try expectNoSecret("2024-05-01T11:00:00Z \(AuditSamples.secretCreate)", shape: .eks)
    _ = try expectNoSecret(AuditSamples.aksRecord(AuditSamples.secretCreate), shape: .aks)
    _ = try expectNoSecret(
      AuditSamples.aksRecord(AuditSamples.secretCreate, asObject: true), shape: .aks)
    let list = #"{"kind":"EventList","items":[\#(AuditSamples.secretCreate)]}"#
    _ = try expectNoSecret(list, shape: .native)
    let root = try expectNoSecret(AuditSamples.gkeSecretDenied, shape: .gke)
    #expect(root.value(atPath: ["requestObject", "stringData", "token"])?.string == "<redacted>")
  }

  @Test func jsonPatch() throws {
    let root = try expectNoSecret(AuditSamples.secretPatch, shape: .native)
    #expect(root.value(atPath: ["requestObject", "0", "value"])?.string == "<redacted>")
    #expect(root.value(atPath: ["requestObject", "1", "value"])?.string == "<redacted>")
    #expect(root.value(atPath: ["requestObject", "2", "value"])?.string == "gold")
    #expect(root.value(atPath: ["requestObject", "0", "path"])?.string == "/data/password")
  }

  @Test func secretListsAndNestedSecrets() throws {
    let list = try expectNoSecret(AuditSamples.secretList, shape: .native)
    #expect(
      list.value(atPath: ["responseObject", "items", "0", "data", "k"])?.string == "<redacted>")
    #expect(
      list.value(atPath: ["responseObject", "items", "1", "stringData", "k"])?.string
        == "<redacted>")
    let nested = try expectNoSecret(AuditSamples.nestedSecret, shape: .native)
    let items = ["responseObject", "spec", "contents", "items"]
    #expect(nested.value(atPath: items + ["1", "data", "password"])?.string == "<redacted>")
    #expect(nested.value(atPath: items + ["0", "data", "color"])?.string == "blue")
  }

  @Test func aSecretKindWrittenWithEscapesIsStillRedacted() throws {
    let text = #"{"kind":"Event","auditID":"esc","stage":"ResponseComplete","verb":"create","requestURI":"/apis/example.com/v1/bundles","user":{"username":"u"},"objectRef":{"resource":"bundles"},"requestObject":{"kind":"\u0053ecret","data":{"token":"c3VwZXJzZWNyZXQ="}},"stageTimestamp":"2026-11-02T00:00:00Z"}"#
    let (events, _) = AuditDecoder().decode(text: text)
    let bytes = try #require(events.first?.audit?.document.bytes)
    let output = String(decoding: bytes, as: UTF8.self)
    #expect(!output.contains("c3VwZXJzZWNyZXQ="))
    #expect(output.contains("<redacted>"))
  }

  @Test func nonSecretDataIsKept() throws {
    let configMap = AuditSamples.event(auditID: "cm", bodyBytes: 10)
    let (events, _) = decoder.decode(text: configMap)
    #expect(events.first?.audit?.document.bytes == Array(configMap.utf8))
  }

  @Test func redactionCanBeDisabled() {
    var configuration = AuditDecoder.Configuration()
    configuration.redactSecrets = false
    let (events, _) = AuditDecoder(configuration: configuration).decode(
      text: AuditSamples.secretCreate)
    #expect(events.first?.audit?.document.bytes == Array(AuditSamples.secretCreate.utf8))
  }

  @Test func oddSecretBodies() throws {
    // data as a string, null data, escaped keys, already redacted values: never a trap.
    let text =
      #"{"auditID":"o","verb":"update","objectRef":{"resource":"secrets"},"requestObject":{"data":"c3VwZXJzZWNyZXQ=","stringData":null,"metadata":{"annotations":null}},"responseObject":{"data":{"a":"<redacted>","b":{"nested":"hunter2"}}}}"#
    let root = try expectNoSecret(text, shape: .native)
    #expect(root.value(atPath: ["requestObject", "data"])?.string == "<redacted>")
    #expect(root.value(atPath: ["requestObject", "stringData"])?.isNull == true)
    #expect(root.value(atPath: ["responseObject", "data", "b"])?.string == "<redacted>")
  }
}
