import Testing
import VigilCore

@testable import VigilRules

/// Vigil's normalized `k8s.*` fields.
@Suite struct K8sFieldsTests {
  typealias F = FieldFixtures

  @Test func requestFieldsAreTyped() throws {
    let event = try F.event(FieldSamples.pod)
    #expect(try F.value("k8s.ns.name", event) == .string("prod"))
    #expect(try F.value("k8s.resource", event) == .string("pods"))
    #expect(try F.value("k8s.subresource", event) == .missing)
    #expect(try F.value("k8s.name", event) == .string("web"))
    #expect(try F.value("k8s.verb", event) == .string("create"))
    #expect(try F.value("k8s.api.group", event) == .string("core"))
    #expect(try F.value("k8s.api.version", event) == .string("v1"))
    #expect(try F.value("k8s.response.code", event) == .number(201))
    #expect(try F.value("k8s.shape", event) == .string("native"))
    #expect(try F.value("k8s.stage", event) == .string("ResponseComplete"))
    #expect(try F.value("k8s.level", event) == .string("RequestResponse"))
    #expect(try F.value("k8s.sourceip", event) == .string("203.0.113.7"))
    #expect(try F.value("k8s.useragent.family", event) == .string("kubectl"))
    #expect(try F.value("k8s.req.kind", event) == .string("Pod"))
    #expect(try F.value("k8s.truncated", event) == .bool(false))
    let deployment = try F.event(FieldSamples.deployment)
    #expect(try F.value("k8s.api.group", deployment) == .string("apps"))
  }

  @Test func shapes() throws {
    let gke = try F.event(FieldSamples.gkeExec)
    #expect(try F.value("k8s.shape", gke) == .string("gke"))
    #expect(try F.value("k8s.ns.name", gke) == .string("shop"))
    #expect(try F.value("k8s.name", gke) == .string("cart-0"))
    #expect(try F.value("k8s.subresource", gke) == .string("exec"))
    #expect(try F.value("k8s.response.code", gke) == .number(101))
    #expect(try F.value("k8s.sourceip", gke) == .string("34.1.2.3"))
    #expect(try F.value("k8s.useragent.family", gke) == .string("kubectl"))
    let aks = try F.event(FieldSamples.aksDelete)
    #expect(try F.value("k8s.shape", aks) == .string("aks"))
    #expect(try F.value("k8s.resource", aks) == .string("events"))
    #expect(try F.value("k8s.verb", aks) == .string("delete"))
    #expect(try F.value("k8s.useragent.family", aks) == .string("kube-controller-manager"))
  }

  @Test func imagesAcrossWorkloadKinds() throws {
    let pod = try F.event(FieldSamples.pod)
    #expect(
      try F.value("k8s.req.images", pod)
        == F.strings("registry.example.com:5000/team/app:2.1@sha256:abc", "nginx", "busybox:1.36"))
    #expect(
      try F.value("k8s.req.registries", pod)
        == F.strings("registry.example.com:5000", "docker.io", "docker.io"))
    let deployment = try F.event(FieldSamples.deployment)
    #expect(
      try F.value("k8s.req.images", deployment)
        == F.strings("ghcr.io/acme/api:1.4", "quay.io/acme/log:2"))
    #expect(try F.value("k8s.req.registries", deployment) == F.strings("ghcr.io", "quay.io"))
    let cronJob = try F.event(FieldSamples.cronJob)
    #expect(
      try F.value("k8s.req.images", cronJob) == F.strings("index.docker.io/library/postgres:16"))
    #expect(try F.value("k8s.req.registries", cronJob) == F.strings("docker.io"))
    let mergePatch = try F.event(FieldSamples.mergePatch)
    #expect(try F.value("k8s.req.images", mergePatch) == F.strings("nginx:1.26"))
    let jsonPatch = try F.event(FieldSamples.jsonPatch)
    #expect(try F.value("k8s.req.images", jsonPatch) == F.strings("evil.example/miner:latest"))
    #expect(try F.value("k8s.req.registries", jsonPatch) == F.strings("evil.example"))
    #expect(try F.value("k8s.req.images", try F.event(FieldSamples.clusterRole)) == .missing)
  }

  @Test func privilegedAndHostAccessAcrossWorkloadKinds() throws {
    let deployment = try F.event(FieldSamples.deployment)
    #expect(try F.value("k8s.req.privileged", deployment) == .bool(true))
    #expect(try F.value("k8s.req.host_pid", deployment) == .bool(true))
    #expect(try F.value("k8s.req.host_network", deployment) == .bool(false))
    #expect(try F.value("k8s.req.hostpaths", deployment) == F.strings("/"))
    #expect(try F.value("k8s.req.host_ports", deployment) == .list([.number(80)]))
    let cronJob = try F.event(FieldSamples.cronJob)
    #expect(try F.value("k8s.req.privileged", cronJob) == .bool(false))
    #expect(try F.value("k8s.req.hostpaths", cronJob) == .missing)
    let pod = try F.event(FieldSamples.pod)
    #expect(try F.value("k8s.req.privileged", pod) == .bool(true))
    #expect(try F.value("k8s.req.host_network", pod) == .bool(true))
    #expect(try F.value("k8s.req.host_ports", pod) == .list([.number(18080)]))
    #expect(try F.value("k8s.req.privileged", try F.event(FieldSamples.jsonPatch)) == .bool(true))
    #expect(try F.value("k8s.req.privileged", try F.event(FieldSamples.mergePatch)) == .bool(false))
    #expect(try F.value("k8s.req.privileged", try F.event(FieldSamples.configMap)) == .missing)
    #expect(try F.value("k8s.req.host_network", try F.event(FieldSamples.configMap)) == .missing)
  }

  @Test func execCommandLine() throws {
    let exec = try F.event(FieldSamples.exec)
    #expect(try F.value("k8s.exec.command", exec) == .string("/bin/sh -c apt-get install -y curl"))
    #expect(try F.value("k8s.exec.binary", exec) == .string("sh"))
    #expect(try F.value("k8s.exec.container", exec) == .string("app"))
    #expect(
      try F.value("k8s.exec.words", exec)
        == F.strings("sh", "-c", "apt-get", "install", "-y", "curl"))
    #expect(try F.value("k8s.resource.full", exec) == .string("pods/exec"))
    #expect(try F.value("k8s.resource.full", try F.event(FieldSamples.pod)) == .string("pods"))
    let gke = try F.event(FieldSamples.gkeExec)
    #expect(try F.value("k8s.exec.command", gke) == .missing)
    #expect(try F.value("k8s.exec.words", gke) == .missing)
    #expect(try F.value("k8s.exec.command", try F.event(FieldSamples.pod)) == .missing)
  }

  @Test func rbacBinding() throws {
    let binding = try F.event(FieldSamples.clusterRoleBinding)
    #expect(try F.value("k8s.rbac.role", binding) == .string("cluster-admin"))
    #expect(try F.value("k8s.rbac.role.kind", binding) == .string("ClusterRole"))
    #expect(
      try F.value("k8s.rbac.subjects", binding)
        == F.strings("alice", "system:serviceaccount:kube-system:default", "devs"))
    #expect(try F.value("k8s.useragent.family", binding) == .string("terraform"))
    let role = try F.event(FieldSamples.clusterRole)
    #expect(try F.value("k8s.rbac.role", role) == .missing)
    #expect(try F.value("k8s.rbac.subjects", role) == .missing)
  }

  @Test func missingWithoutData() throws {
    let event = try F.event(FieldSamples.metadataOnly)
    for name in [
      "k8s.ns.name", "k8s.resource", "k8s.name", "k8s.api.group", "k8s.useragent",
      "k8s.useragent.family", "k8s.req.kind", "k8s.req.images", "k8s.req.registries",
      "k8s.req.privileged", "k8s.exec.command", "k8s.rbac.role",
    ] {
      #expect(try F.value(name, event) == .missing, "\(name)")
    }
    #expect(try F.value("k8s.verb", event) == .string("get"))
  }
}
