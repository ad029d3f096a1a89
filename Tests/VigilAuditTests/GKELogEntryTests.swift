import Testing
import VigilAudit
import VigilCore
import VigilJSON

/// GKE Cloud Audit Logs entries normalized to native events.
@Suite struct GKELogEntryTests {
  let decoder = AuditDecoder()

  @Test func execEntry() throws {
    let (events, diagnostics) = decoder.decode(text: AuditSamples.gkeExec)
    #expect(diagnostics.isEmpty)
    let event = try #require(events.first)
    let audit = try #require(event.audit)
    #expect(audit.shape == .gke)
    #expect(audit.auditID == "a1b2c3d4-op")
    #expect(audit.verb == "create")
    #expect(audit.stage == "ResponseStarted")
    #expect(audit.level == "Request")
    #expect(audit.responseCode == 101)
    #expect(audit.user.username == "dev@example.iam.gserviceaccount.com")
    #expect(audit.sourceIPs == ["35.1.2.3"])
    #expect(audit.userAgent == "kubectl/v1.30.1 (darwin/arm64) kubernetes/abc")
    #expect(
      audit.objectRef
        == ObjectReference(
          resource: "pods", subresource: "exec", namespace: "default", name: "nginx",
          apiVersion: "v1"))
    #expect(audit.requestURI == "/api/v1/namespaces/default/pods/nginx/exec")
    #expect(event.time == Timestamp(rfc3339: "2024-05-01T12:00:00.123456Z"))
    let root = audit.document.root
    #expect(root["apiVersion"]?.string == "audit.k8s.io/v1")
    #expect(
      root.value(atPath: ["annotations", "authorization.k8s.io/decision"])?.string == "allow")
    #expect(root.value(atPath: ["annotations", "cluster_name"])?.string == "prod-gke")
    #expect(root["protoPayload"] == nil)
  }

  @Test func clusterRoleBindingEntry() throws {
    let (events, _) = decoder.decode(text: AuditSamples.gkeBinding)
    let audit = try #require(events.first?.audit)
    #expect(audit.verb == "create")
    #expect(audit.stage == "ResponseComplete")
    #expect(audit.level == "RequestResponse")
    #expect(audit.responseCode == 200)
    #expect(
      audit.objectRef
        == ObjectReference(
          resource: "clusterrolebindings", name: "evil", apiGroup: "rbac.authorization.k8s.io",
          apiVersion: "v1"))
    #expect(audit.requestURI == "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/evil")
    #expect(
      audit.document.root.value(atPath: ["requestObject", "roleRef", "name"])?.string
        == "cluster-admin")
    #expect(
      audit.document.root.value(atPath: ["responseObject", "metadata", "uid"])?.string == "1")
  }

  @Test func deniedEntryMapsStatusAndDecision() throws {
    let (events, _) = decoder.decode(text: AuditSamples.gkeSecretDenied)
    let audit = try #require(events.first?.audit)
    #expect(audit.auditID == "ins-3")
    #expect(audit.responseCode == 403)
    #expect(audit.user.username == "system:anonymous")
    #expect(
      audit.document.root.value(atPath: ["annotations", "authorization.k8s.io/decision"])?.string
        == "forbid")
    #expect(
      audit.document.root.value(atPath: ["responseStatus", "message"])?.string?.hasPrefix(
        "secrets is forbidden") == true)
  }

  @Test(arguments: [
    (0, 200), (3, 400), (5, 404), (6, 409), (7, 403), (16, 401), (13, 500), (2, 500),
  ])
  func grpcCodes(grpc: Int, http: Int) throws {
    let text = AuditSamples.gkeBinding.replacingOccurrences(
      of: #""status":{}"#, with: #""status":{"code":\#(grpc)}"#)
    let (events, _) = decoder.decode(text: text)
    #expect(events.first?.audit?.responseCode == http)
  }

  @Test func resourceNames() throws {
    func ref(_ name: String, method: String = "io.k8s.core.v1.namespaces.get") -> ObjectReference? {
      let text = AuditSamples.gkeExec
        .replacingOccurrences(of: "core/v1/namespaces/default/pods/nginx/exec", with: name)
        .replacingOccurrences(of: "io.k8s.core.v1.pods.exec.create", with: method)
      return decoder.decode(text: text).events.first?.audit?.objectRef
    }
    #expect(
      ref("core/v1/namespaces/foo")
        == ObjectReference(resource: "namespaces", name: "foo", apiVersion: "v1"))
    #expect(
      ref("core/v1/namespaces/d/pods", method: "io.k8s.core.v1.pods.list")
        == ObjectReference(resource: "pods", namespace: "d", apiVersion: "v1"))
    #expect(
      ref(
        "apps/v1/namespaces/d/deployments/web/scale",
        method: "io.k8s.apps.v1.deployments.scale.update")
        == ObjectReference(
          resource: "deployments", subresource: "scale", namespace: "d", name: "web",
          apiGroup: "apps", apiVersion: "v1"))
    #expect(ref("core/v1/nodes") == ObjectReference(resource: "nodes", apiVersion: "v1"))
    #expect(ref("") == nil)
  }

  @Test func nonKubernetesEntries() {
    let other =
      #"{"protoPayload":{"serviceName":"container.googleapis.com","methodName":"google.container.v1.ClusterManager.CreateCluster"},"insertId":"x"}"#
    let (events, diagnostics) = decoder.decode(text: other)
    #expect(events.isEmpty)
    #expect(
      diagnostics.first?.message
        == #"not a Kubernetes audit event: GKE log entry of service the string "container.googleapis.com", not k8s.io"#
    )
    let noID = decoder.decode(text: #"{"protoPayload":{"methodName":"io.k8s.core.v1.pods.get"}}"#)
    #expect(
      noID.diagnostics.first?.message
        == "not a Kubernetes audit event: GKE log entry without operation.id or insertId")
  }
}
