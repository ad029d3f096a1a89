import Testing
import VigilCore

@testable import VigilRules

/// `ka.req.pod.*` and `ka.req.container.*`: per-container lists, pod flags, volumes.
@Suite struct KAPodFieldsTests {
  typealias F = FieldFixtures

  @Test func imagesAndRepositories() throws {
    let event = try F.event(FieldSamples.pod)
    #expect(
      try F.value("ka.req.pod.containers.image", event)
        == F.strings("registry.example.com:5000/team/app:2.1@sha256:abc", "nginx"))
    #expect(try F.value("ka.req.pod.containers.image", event, .index(1)) == .string("nginx"))
    #expect(try F.value("ka.req.pod.containers.image", event, .index(2)) == .missing)
    // Falco cuts at the first ':' then '@': a registry port is cut as well.
    #expect(
      try F.value("ka.req.pod.containers.image.repository", event)
        == F.strings("registry.example.com", "nginx"))
    #expect(
      try F.value("ka.req.container.image", event)
        == .string("registry.example.com:5000/team/app:2.1@sha256:abc"))
    #expect(
      try F.value("ka.req.container.image.repository", event) == .string("registry.example.com"))
    #expect(try F.value("ka.req.pod.initContainers.image", event) == F.strings("busybox:1.36"))
    #expect(
      try F.value("ka.req.pod.initContainers.image.repository", event) == F.strings("busybox"))
    #expect(try F.value("ka.req.pod.ephemeralContainers.image", event) == .missing)
    #expect(try F.value("ka.req.pod.containers.name", event) == F.strings("app", "sidecar"))
    #expect(try F.value("ka.req.pod.initContainers.name", event) == F.strings("init"))
  }

  @Test func commandAndArgsAreCompactJSONPerContainer() throws {
    let event = try F.event(FieldSamples.pod)
    #expect(try F.value("ka.req.pod.containers.args", event) == F.strings(#"["--port","8080"]"#))
    #expect(try F.value("ka.req.pod.containers.args", event, .index(1)) == .missing)
    #expect(try F.value("ka.req.pod.containers.command", event) == .missing)
    #expect(
      try F.value("ka.req.pod.initContainers.command", event) == F.strings(#"["sh","-c","true"]"#))
  }

  @Test func privilegedDefaultsToFalseAndListsStaySeparate() throws {
    let event = try F.event(FieldSamples.pod)
    #expect(try F.value("ka.req.pod.containers.privileged", event) == F.strings("true", "false"))
    #expect(try F.value("ka.req.pod.containers.privileged", event, .index(1)) == .string("false"))
    #expect(try F.value("ka.req.pod.initContainers.privileged", event) == F.strings("true"))
    #expect(try F.value("ka.req.pod.ephemeralContainers.privileged", event) == .missing)
    #expect(try F.value("ka.req.container.privileged", event) == .string("true"))
    // A workload template is not a pod: Falco's pod fields do not see it.
    let deployment = try F.event(FieldSamples.deployment)
    #expect(try F.value("ka.req.pod.containers.privileged", deployment) == .missing)
    #expect(try F.value("ka.req.container.privileged", deployment) == .missing)
  }

  @Test func securityContextListsSkipUnsetContainersUnlessIndexed() throws {
    let event = try F.event(FieldSamples.pod)
    #expect(
      try F.value("ka.req.pod.containers.allow_privilege_escalation", event) == F.strings("true"))
    #expect(try F.value("ka.req.pod.containers.read_only_fs", event) == F.strings("true"))
    #expect(try F.value("ka.req.pod.containers.read_only_fs", event, .index(0)) == .missing)
    #expect(try F.value("ka.req.pod.containers.read_only_fs", event, .index(1)) == .string("true"))
    #expect(try F.value("ka.req.pod.containers.run_as_user", event) == F.strings("0"))
    #expect(try F.value("ka.req.pod.containers.run_as_group", event) == F.strings("4000"))
    #expect(try F.value("ka.req.pod.containers.proc_mount", event) == F.strings("Unmasked"))
    #expect(
      try F.value("ka.req.pod.containers.add_capabilities", event)
        == F.strings("NET_ADMIN", "SYS_TIME"))
    #expect(try F.value("ka.req.pod.initContainers.run_as_user", event) == .missing)
  }

  @Test func effectiveIDsCombinePodAndContainerContexts() throws {
    let event = try F.event(FieldSamples.pod)
    // app sets runAsUser 0 itself; sidecar inherits the pod's 1000.
    #expect(try F.value("ka.req.pod.containers.eff_run_as_user", event) == F.strings("0", "1000"))
    // No pod runAsGroup: app falls back to 0, sidecar sets 4000.
    #expect(try F.value("ka.req.pod.containers.eff_run_as_group", event) == F.strings("0", "4000"))
    #expect(try F.value("ka.req.pod.initContainers.eff_run_as_user", event) == F.strings("1000"))
    #expect(
      try F.value("ka.req.pod.containers.eff_run_as_user", event, .index(1)) == .string("1000"))
  }

  @Test func hostPortsFallBackToContainerPort() throws {
    let event = try F.event(FieldSamples.pod)
    #expect(try F.value("ka.req.pod.containers.host_port", event) == F.strings("18080", "9090"))
    #expect(try F.value("ka.req.pod.initContainers.host_port", event) == .missing)
    #expect(FieldRegistry.standard.field(named: "ka.req.pod.ephemeralContainers.host_port") == nil)
  }

  @Test func podFlagsAndSecurityContext() throws {
    let event = try F.event(FieldSamples.pod)
    #expect(try F.value("ka.req.pod.host_network", event) == .string("true"))
    #expect(try F.value("ka.req.container.host_network", event) == .string("true"))
    #expect(try F.value("ka.req.pod.host_pid", event) == .string("false"))
    #expect(try F.value("ka.req.pod.host_ipc", event) == .missing)
    #expect(try F.value("ka.req.pod.run_as_user", event) == .string("1000"))
    #expect(try F.value("ka.req.pod.run_as_group", event) == .missing)
    #expect(try F.value("ka.req.pod.fs_group", event) == .string("2000"))
    #expect(try F.value("ka.req.pod.supplemental_groups", event) == F.strings("3000", "3001"))
  }

  @Test func volumes() throws {
    let event = try F.event(FieldSamples.pod)
    #expect(try F.value("ka.req.pod.volumes.hostpath", event) == F.strings("/var/run/docker.sock"))
    #expect(
      try F.value("ka.req.pod.volumes.hostpath", event, .index(1))
        == .string("/var/run/docker.sock"))
    #expect(try F.value("ka.req.pod.volumes.hostpath", event, .index(0)) == .missing)
    #expect(try F.value("ka.req.pod.volumes.flexvolume_driver", event) == F.strings("example/lvm"))
    #expect(
      try F.value("ka.req.pod.volumes.volume_type", event)
        == F.strings("emptyDir", "hostPath", "flexVolume"))
    let hostPath = { (glob: String) in try F.value("ka.req.volume.hostpath", event, .key(glob)) }
    #expect(try hostPath("/var/run/docker.sock") == .string("true"))
    #expect(try hostPath("/var/run/*") == .string("true"))
    #expect(try hostPath("/var*") == .string("true"))
    #expect(try hostPath("/etc") == .string("false"))
    #expect(try hostPath("/proc*") == .string("false"))
    #expect(try hostPath("/") == .string("false"))
  }
}
