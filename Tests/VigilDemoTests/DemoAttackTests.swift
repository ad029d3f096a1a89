import Testing
import VigilCore
import VigilDemo
import VigilJSON

/// The attacks woven into the default day are present, complete and shaped like the real thing.
@Suite struct DemoAttackTests {
  let day = DemoDayFixture.shared

  @Test func everyAttackIsInTheLogWithAllStages() {
    #expect(day.attacks.count >= 16)
    #expect(Set(day.attacks.map(\.id)).count == day.attacks.count)
    for attack in day.attacks {
      #expect(!attack.rules.isEmpty)
      for id in attack.auditIDs {
        let stages = day.events(of: id).map(\.stage)
        #expect(
          stages.contains("ResponseComplete") || stages == ["ResponseStarted"], "\(attack.id) \(id)"
        )
        if attack.user.hasSuffix("@example.com") {
          #expect(
            stages.first == "RequestReceived", "\(attack.id): humans' requests log RequestReceived")
        }
      }
      #expect(Timestamp(rfc3339: attack.time) != nil)
    }
  }

  @Test func execRunsAShellThenAPackageInstall() throws {
    let shell = try #require(day.attack("a-exec-shell"))
    let install = try #require(day.attack("a-exec-package-install"))
    #expect(shell.time < install.time)
    let started = try #require(
      day.events(of: install.auditIDs[0]).first { $0.stage == "ResponseStarted" })
    #expect(
      started.uri.contains(
        "/exec?command=apt-get&command=install&command=-y&command=nmap&container="))
    #expect(
      started.subresource == "exec" && started.code == 101 && started.user == "alice@example.com")
    let shellStarted = try #require(
      day.events(of: shell.auditIDs[0]).first { $0.stage == "ResponseStarted" })
    #expect(shellStarted.uri.contains("command=bash") && shellStarted.uri.contains("tty=true"))
  }

  @Test func clusterAdminBoundToAServiceAccount() throws {
    let attack = try #require(day.attack("b-clusterrolebinding-cluster-admin"))
    let done = try #require(
      day.events(of: attack.auditIDs[0]).first { $0.stage == "ResponseComplete" })
    #expect(done.resource == "clusterrolebindings" && done.verb == "create" && done.code == 201)
    #expect(done.root.value(atPointer: "/requestObject/roleRef/name")?.string == "cluster-admin")
    #expect(
      done.root.value(atPointer: "/requestObject/subjects/0/kind")?.string == "ServiceAccount")
    #expect(done.user == "bob@example.com")
  }

  @Test func privilegedHostPIDPodFromDockerHub() throws {
    let attack = try #require(day.attack("c-privileged-pod"))
    let create = try #require(
      attack.auditIDs.flatMap { day.events(of: $0) }.first {
        $0.verb == "create" && $0.stage == "ResponseComplete"
      })
    #expect(create.namespace == "default" && create.code == 201)
    #expect(create.root.value(atPointer: "/requestObject/spec/hostPID")?.bool == true)
    #expect(
      create.root.value(atPointer: "/requestObject/spec/containers/0/securityContext/privileged")?
        .bool == true)
    let image = try #require(
      create.root.value(atPointer: "/requestObject/spec/containers/0/image")?.string)
    #expect(image == "alpine:latest" || image.hasPrefix("docker.io/"))
  }

  @Test func nodePortServiceByAHuman() throws {
    let attack = try #require(day.attack("d-nodeport-service"))
    let create = try #require(
      attack.auditIDs.flatMap { day.events(of: $0) }.first {
        $0.resource == "services" && $0.stage == "ResponseComplete"
      })
    #expect(create.root.value(atPointer: "/requestObject/spec/type")?.string == "NodePort")
    #expect(create.root.value(atPointer: "/responseObject/spec/ports/0/nodePort")?.int != nil)
  }

  @Test func stolenTokenBurstOfForbiddenRequests() throws {
    let attack = try #require(day.attack("e-stolen-token-403-burst"))
    let denied = attack.auditIDs.flatMap { day.events(of: $0) }.filter { $0.code == 403 }
    #expect(denied.count >= 30)
    #expect(Set(denied.map(\.user)) == ["system:serviceaccount:shop:frontend"])
    #expect(Set(denied.map(\.sourceIP)) == ["203.0.113.45"])
    let times = denied.compactMap(\.stageTime).sorted()
    let span = try #require(times.last).since(try #require(times.first))
    #expect(span < .seconds(120))
    #expect(Set(denied.compactMap(\.namespace)).count >= 5)
    #expect(denied.contains { $0.verb == "create" && $0.resource == "pods" })
  }

  @Test func otherAttacksHaveTheirShapes() throws {
    func done(_ id: String) throws -> [DemoDayFixture.Entry] {
      let attack = try #require(day.attack(id))
      return attack.auditIDs.flatMap { day.events(of: $0) }.filter { $0.stage != "RequestReceived" }
    }
    #expect(
      try done("f-port-forward").contains { $0.subresource == "portforward" && $0.code == 101 })
    #expect(
      try done("f-manual-image-change").contains {
        $0.verb == "patch" && $0.uri.contains("fieldManager=kubectl-set")
          && $0.user == "bob@example.com"
      })
    #expect(
      try done("f-anonymous-allowed").contains {
        $0.user == "system:anonymous" && $0.uri == "/api/v1/pods"
          && $0.root["annotations"]?["authorization.k8s.io/decision"]?.string == "allow"
      })
    #expect(
      try done("f-token-request").contains { $0.subresource == "token" && $0.verb == "create" })
    #expect(
      try done("f-cluster-wide-secret-list").contains {
        $0.resource == "secrets" && $0.namespace == nil && $0.verb == "list"
      })
    #expect(
      try done("f-csr-approval").contains { $0.subresource == "approval" && $0.verb == "update" })
    #expect(
      try done("f-events-deleted").contains {
        $0.resource == "events" && $0.verb == "deletecollection"
      })
    #expect(
      try done("f-impersonation").contains {
        $0.root["impersonatedUser"]?["username"]?.string
          == "system:serviceaccount:payments:reporting"
      })
    #expect(try done("f-401-burst").filter { $0.code == 401 }.count >= 20)
    #expect(
      try done("f-nodes-proxy").contains { $0.resource == "nodes" && $0.subresource == "proxy" })
    #expect(
      try done("f-webhook-deleted").contains {
        $0.resource == "validatingwebhookconfigurations" && $0.verb == "delete"
      })
  }

  @Test func attacksOutsideTheWindowAreLeftOut() {
    let morning = DemoAuditLog(duration: .seconds(3 * 3600))
    #expect(morning.attacks().map(\.id) == ["e-stolen-token-403-burst"])
  }
}
