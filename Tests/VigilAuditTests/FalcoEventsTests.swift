import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilJSON
import VigilTesting

/// The real (old minikube) audit events of Falco's regression suite decode as Falco reads them.
@Suite(.enabled(if: SharedData.shouldRun, "../shared is absent (not a CI run)"))
struct FalcoEventsTests {
  static func load(_ name: String) throws -> String {
    let url = try SharedData.require("anchors/falco-k8saudit/events/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
  }

  @Test func everyEventFileDecodes() throws {
    let folder = try SharedData.require("anchors/falco-k8saudit/events")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    #expect(names.count >= 30)
    for name in names where name != "fal_01_003.json" {
      let (events, diagnostics) = AuditDecoder().decode(
        text: try Self.load(name), at: SourcePosition(file: name, line: 1))
      #expect(events.count == 1, "\(name)")
      #expect(diagnostics.isEmpty, "\(name): \(diagnostics)")
      guard let audit = events.first?.audit else { continue }
      #expect(!audit.auditID.isEmpty && !audit.verb.isEmpty && !audit.requestURI.isEmpty, "\(name)")
      #expect(events[0].time.nanoseconds > 1_500_000_000_000_000_000, "\(name)")
      #expect(audit.shape == .native)
      #expect(events[0].position == SourcePosition(file: name, line: 1))
    }
  }

  @Test func kindZeroIsNotAnAuditEvent() throws {
    let (events, diagnostics) = AuditDecoder().decode(
      text: try Self.load("fal_01_003.json"), at: SourcePosition(file: "fal_01_003.json", line: 1))
    #expect(events.isEmpty)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.code == .notAuditEvent)
    #expect(diagnostics.first?.message.hasPrefix("not a Kubernetes audit event: kind is") == true)
    #expect(diagnostics.first?.description.hasPrefix("fal_01_003.json:1: not a Kubernetes") == true)
  }

  @Test func attachPodFields() throws {
    let (events, _) = AuditDecoder().decode(text: try Self.load("attach_pod.json"))
    let audit = try #require(events.first?.audit)
    #expect(audit.auditID == "14933b4e-7b09-4964-af09-b7987367e1ba")
    #expect(audit.stage == "ResponseStarted")
    #expect(audit.verb == "create")
    #expect(audit.level == "Request")
    #expect(audit.user.username == "minikube-user")
    #expect(audit.user.groups == ["system:masters", "system:authenticated"])
    #expect(audit.sourceIPs == ["192.168.99.1"])
    #expect(audit.userAgent == nil)
    #expect(
      audit.objectRef
        == ObjectReference(
          resource: "pods", subresource: "attach", namespace: "default",
          name: "nginx-deployment-7998647bdf-phvq7", apiVersion: "v1"))
    #expect(audit.responseCode == 101)
    #expect(audit.requestReceivedAt == Timestamp(rfc3339: "2018-10-26T13:42:46.764713Z"))
    #expect(audit.stageAt == Timestamp(rfc3339: "2018-10-26T13:42:46.808261Z"))
    #expect(events[0].time == audit.stageAt)
    #expect(audit.truncated == false)
    #expect(audit.document.root["requestURI"]?.string?.hasSuffix("stdout=true") == true)
  }

  @Test func v1beta1AndUserAgentEvents() throws {
    let (beta, _) = AuditDecoder().decode(text: try Self.load("create_nginx_pod_privileged.json"))
    let audit = try #require(beta.first?.audit)
    #expect(audit.document.root["apiVersion"]?.string == "audit.k8s.io/v1beta1")
    #expect(audit.objectRef?.resource == "pods")
    let (secret, _) = AuditDecoder().decode(text: try Self.load("create_secret.json"))
    let s = try #require(secret.first?.audit)
    #expect(s.userAgent == "kubectl/v1.17.3 (darwin/amd64) kubernetes/06ad960")
    #expect(s.responseCode == 201)
    #expect(s.level == "Metadata")
  }
}
