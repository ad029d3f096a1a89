import Testing
import VigilCore

@testable import VigilRules

/// `ka.*` request metadata, annotations, target and response fields.
@Suite struct KAFieldsTests {
  typealias F = FieldFixtures

  @Test func requestMetadata() throws {
    let event = try F.event(FieldSamples.pod)
    #expect(try F.value("ka.auditid", event) == .string("pod-1"))
    #expect(try F.value("ka.stage", event) == .string("ResponseComplete"))
    #expect(try F.value("ka.user.name", event) == .string("alice@example.com"))
    #expect(try F.value("ka.user.groups", event) == F.strings("devs", "system:authenticated"))
    #expect(try F.value("ka.verb", event) == .string("create"))
    #expect(
      try F.value("ka.uri", event)
        == .string("/api/v1/namespaces/prod/pods?fieldManager=kubectl-client-side-apply&dryRun=All")
    )
    #expect(
      try F.value("ka.useragent", event)
        == .string("kubectl/v1.30.2 (linux/amd64) kubernetes/3968350"))
    #expect(try F.value("ka.sourceips", event) == F.strings("203.0.113.7", "10.0.0.1"))
    #expect(try F.value("ka.sourceips", event, .index(1)) == .string("10.0.0.1"))
    #expect(try F.value("ka.impuser.name", event) == .missing)
  }

  @Test func uriParamIsURLDecodedAndFirstValue() throws {
    let pod = try F.event(FieldSamples.pod)
    #expect(try F.value("ka.uri.param", pod, .key("dryRun")) == .string("All"))
    #expect(
      try F.value("ka.uri.param", pod, .key("fieldManager")) == .string("kubectl-client-side-apply")
    )
    #expect(try F.value("ka.uri.param", pod, .key("absent")) == .missing)
    let exec = try F.event(FieldSamples.exec)
    #expect(try F.value("ka.uri.param", exec, .key("command")) == .string("/bin/sh"))
    #expect(try F.value("ka.uri.param", exec, .key("container")) == .string("app"))
    let health = try F.event(FieldSamples.metadataOnly)
    #expect(try F.value("ka.uri.param", health, .key("command")) == .missing)
  }

  @Test func annotations() throws {
    let event = try F.event(FieldSamples.pod)
    #expect(try F.value("ka.auth.decision", event) == .string("allow"))
    #expect(
      try F.value("ka.auth.reason", event)
        == .string("RBAC: allowed by ClusterRoleBinding \"devs\""))
    #expect(
      try F.value("ka.security.pod.violations", event) == .string("privileged (container \"app\")"))
    #expect(try F.value("ka.auth.openshift.decision", event) == .missing)
    let refused = try F.event(FieldSamples.configMap)
    #expect(try F.value("ka.auth.decision", refused) == .string("forbid"))
    #expect(try F.value("ka.auth.reason", refused) == .string(""))
  }

  @Test func target() throws {
    let exec = try F.event(FieldSamples.exec)
    #expect(try F.value("ka.target.name", exec) == .string("web"))
    #expect(try F.value("ka.target.namespace", exec) == .string("prod"))
    #expect(try F.value("ka.target.resource", exec) == .string("pods"))
    #expect(try F.value("ka.target.subresource", exec) == .string("exec"))
    #expect(try F.value("ka.target.pod.name", exec) == .string("web"))
    #expect(try F.value("ka.impuser.name", exec) == .string("admin@example.com"))
    let binding = try F.event(FieldSamples.clusterRoleBinding)
    #expect(try F.value("ka.target.namespace", binding) == .missing)
    #expect(try F.value("ka.target.subresource", binding) == .missing)
    #expect(try F.value("ka.target.pod.name", binding) == .missing)
  }

  @Test func responseFieldsAreStringsAsInFalco() throws {
    let refused = try F.event(FieldSamples.configMap)
    #expect(try F.value("ka.response.code", refused) == .string("403"))
    #expect(try F.value("ka.response.reason", refused) == .string("Forbidden"))
    #expect(try F.value("ka.resp.name", refused) == .missing)
    let pod = try F.event(FieldSamples.pod)
    #expect(try F.value("ka.resp.name", pod) == .string("web"))
    #expect(try F.value("ka.response.reason", pod) == .missing)
  }

  @Test func configMapAndService() throws {
    let configMap = try F.event(FieldSamples.configMap)
    #expect(try F.value("ka.req.configmap.name", configMap) == .string("settings"))
    #expect(
      try F.value("ka.req.configmap.obj", configMap) == .string(#"{"user":"admin","mode":"debug"}"#)
    )
    let service = try F.event(FieldSamples.nodePortService)
    #expect(try F.value("ka.req.service.type", service) == .string("NodePort"))
    #expect(
      try F.value("ka.req.service.ports", service)
        == F.strings(
          #"{"port":80,"targetPort":8080,"nodePort":30080,"protocol":"TCP"}"#,
          #"{"name":"tls","port":443,"protocol":"TCP"}"#))
    #expect(try F.value("ka.req.service.ports", service, .index(2)) == .missing)
    #expect(try F.value("ka.req.service.type", configMap) == .missing)
  }

  @Test func clusterNameFromGKEResourceLabels() throws {
    let gke = try F.event(FieldSamples.gkeExec)
    #expect(try F.value("ka.cluster.name", gke) == .string("prod-eu"))
    #expect(try F.value("ka.cluster.name", try F.event(FieldSamples.pod)) == .missing)
  }

  @Test func gkeAndAKSEventsReadLikeNativeOnes() throws {
    let gke = try F.event(FieldSamples.gkeExec)
    #expect(try F.value("ka.user.name", gke) == .string("carol@example.com"))
    #expect(try F.value("ka.verb", gke) == .string("create"))
    #expect(try F.value("ka.target.subresource", gke) == .string("exec"))
    #expect(try F.value("ka.target.namespace", gke) == .string("shop"))
    #expect(try F.value("ka.stage", gke) == .string("ResponseStarted"))
    #expect(try F.value("ka.response.code", gke) == .string("101"))
    #expect(try F.value("ka.auth.decision", gke) == .string("allow"))
    #expect(try F.value("ka.sourceips", gke) == F.strings("34.1.2.3"))
    let aks = try F.event(FieldSamples.aksDelete)
    #expect(try F.value("ka.user.name", aks) == .string("masterclient"))
    #expect(try F.value("ka.verb", aks) == .string("delete"))
    #expect(try F.value("ka.target.resource", aks) == .string("events"))
    #expect(try F.value("ka.auditid", aks) == .string("aks-1"))
  }

  @Test func metadataOnlyEventHasNoBodyFields() throws {
    let event = try F.event(FieldSamples.metadataOnly)
    for name in [
      "ka.target.name", "ka.target.resource", "ka.req.binding.role", "ka.req.pod.containers.image",
      "ka.req.container.image", "ka.req.pod.host_network", "ka.req.role.rules",
      "ka.req.pod.volumes.hostpath", "ka.useragent", "ka.auth.decision", "ka.user.groups",
    ] {
      #expect(try F.value(name, event) == .missing, "\(name)")
    }
    #expect(try F.value("ka.req.volume.hostpath", event, .key("/etc")) == .missing)
  }
}
