import Testing
import VigilCore
import VigilDetect
import VigilKube

/// The inventory detectors on real audit events: exposure joined with who made it, RBAC writes as
/// effective-permission diffs, first use of a registry.
@Suite struct InventoryAuditDetectorTests {
  typealias F = InventoryAuditFixtures

  @Test func aServiceTurnedIntoALoadBalancerNamesWhoDidItAndWhatIsBehind() throws {
    var detector = ExposureAuditDetector()
    let created = F.write(
      id: "1", verb: "create", resource: "services", namespace: "payments", name: "db",
      object: F.service(
        name: "db", namespace: "payments", type: "ClusterIP", port: 5432, selector: "db"),
      user: "system:serviceaccount:argocd:argocd-application-controller",
      agent: "argocd-application-controller/v2.10.4", at: "2026-11-02T08:00:00Z")
    #expect(detector.observe(created, at: created.time).isEmpty)
    let widened = F.write(
      id: "2", verb: "update", resource: "services", namespace: "payments", name: "db",
      object: F.service(
        name: "db", namespace: "payments", type: "LoadBalancer", port: 5432, selector: "db",
        loadBalancerIP: "34.120.1.9"),
      at: "2026-11-02T10:00:00Z")
    let alerts = detector.observe(widened, at: widened.time)
    let alert = try #require(alerts.first { $0.rule == ExposureAuditDetector.ruleName })
    #expect(alert.output.contains("Service payments/db"))
    #expect(alert.output.contains("LoadBalancer"))
    #expect(alert.output.contains("by alice@example.com (kubectl/v1.30.2"))
    #expect(alert.output.contains("from 203.0.113.7"))
    #expect(alert.severity >= .critical, "postgres behind a public load balancer")
    #expect(alert.controls.contains { $0.id == "SC-7" })
  }

  @Test func anUpdateOfAnObjectNeverSeenTeachesButDoesNotAlert() {
    var detector = ExposureAuditDetector()
    let update = F.write(
      id: "1", verb: "update", resource: "services", namespace: "web", name: "front",
      object: F.service(
        name: "front", namespace: "web", type: "LoadBalancer", port: 443, selector: "front"),
      at: "2026-11-02T08:00:00Z")
    #expect(detector.observe(update, at: update.time).isEmpty)
    #expect(!detector.inventory.list().isEmpty)
  }

  @Test func aBindingIsShownAsWhatItGrants() {
    var detector = RBACAuditDetector()
    let role = F.write(
      id: "1", verb: "create", resource: "clusterroles", apiGroup: "rbac.authorization.k8s.io",
      namespace: nil, name: "secret-reader",
      object: F.clusterRole(name: "secret-reader", resources: ["secrets"], verbs: ["get", "list"]),
      at: "2026-11-02T08:00:00Z")
    #expect(detector.observe(role, at: role.time).isEmpty, "a role bound to nobody grants nothing")
    let binding = F.write(
      id: "2", verb: "create", resource: "rolebindings", apiGroup: "rbac.authorization.k8s.io",
      namespace: "prod", name: "bob-secrets",
      object: F.roleBinding(
        name: "bob-secrets", namespace: "prod", role: "secret-reader", user: "bob"),
      at: "2026-11-02T09:00:00Z")
    let alerts = detector.observe(binding, at: binding.time)
    #expect(alerts.count == 1)
    let output = alerts.first?.output ?? ""
    #expect(output.contains("+ bob can now get,list secrets"))
    #expect(output.contains("prod"))
    #expect(output.contains("RoleBinding prod/bob-secrets"))
    #expect((alerts.first?.severity ?? .debug) >= .critical, "reading secrets")
    let removed = F.write(
      id: "3", verb: "delete", resource: "rolebindings", apiGroup: "rbac.authorization.k8s.io",
      namespace: "prod", name: "bob-secrets", object: nil, at: "2026-11-02T10:00:00Z")
    let revoked = detector.observe(removed, at: removed.time)
    #expect(revoked.first?.output.contains("- bob can no longer") == true)
  }

  @Test func aBindingToABuiltInRoleIsUnderstoodWithoutSeeingTheRole() {
    var detector = RBACAuditDetector()
    let binding = F.write(
      id: "1", verb: "create", resource: "rolebindings", apiGroup: "rbac.authorization.k8s.io",
      namespace: "payments", name: "carol-admin",
      object: F.roleBinding(
        name: "carol-admin", namespace: "payments", role: "cluster-admin", user: "carol"),
      at: "2026-11-02T09:00:00Z")
    let alerts = detector.observe(binding, at: binding.time)
    #expect(alerts.first?.output.contains("+ carol can now *") == true)
    #expect((alerts.first?.severity ?? .debug) >= .critical, "a wildcard grant")
  }

  @Test func aNewRegistryAfterTheLearningPeriodIsAnAlert() {
    var detector = RegistryAuditDetector(learningPeriod: .seconds(3600))
    func deploy(_ id: String, _ namespace: String, _ image: String, _ time: String) -> [Alert] {
      let event = F.write(
        id: id, verb: "create", resource: "deployments", apiGroup: "apps", namespace: namespace,
        name: "app-\(id)",
        object: F.deployment(name: "app-\(id)", namespace: namespace, image: image),
        at: time)
      return detector.observe(event, at: event.time)
    }
    #expect(
      deploy("1", "shop", "registry.example.com/shop/cart:1.4", "2026-11-02T08:00:00Z").isEmpty)
    #expect(
      deploy("2", "shop", "registry.example.com/shop/web:2.0", "2026-11-02T10:00:00Z").isEmpty)
    let miner = deploy("3", "shop", "docker.io/xmrig/xmrig:latest", "2026-11-02T11:00:00Z")
    #expect(miner.count == 1)
    #expect(miner.first?.output.contains("docker.io") == true)
    #expect(miner.first?.output.contains("not pinned by digest") == true)
    #expect((miner.first?.severity ?? .debug) >= .warning)
    let elsewhere = deploy(
      "4", "billing", "registry.example.com/billing/api:1", "2026-11-02T12:00:00Z")
    #expect(elsewhere.first?.fields.contains { $0.value == "first-in-namespace" } == true)
  }

  @Test func anUpdateOfAnObjectFromTheSnapshotIsDiffedAgainstIt() throws {
    var rbac = RBACModel.kubernetesDefaults
    try rbac.apply(
      json: F.roleBinding(name: "viewers", namespace: "prod", role: "view", user: "carol"))
    let seed = ClusterSeed(
      exposure: ExposureInventory(), rbac: rbac, registries: RegistryInventory(),
      objects: [ObjectKey(kind: "RoleBinding", namespace: "prod", name: "viewers")])
    let update = F.write(
      id: "1", verb: "update", resource: "rolebindings", apiGroup: "rbac.authorization.k8s.io",
      namespace: "prod", name: "viewers",
      object: F.roleBinding(name: "viewers", namespace: "prod", role: "edit", user: "carol"),
      at: "2026-11-02T09:00:00Z")
    var unseeded = RBACAuditDetector()
    #expect(unseeded.observe(update, at: update.time).isEmpty, "never seen: learned silently")
    var seeded = RBACAuditDetector(model: seed.rbac, known: seed.objects)
    let alerts = seeded.observe(update, at: update.time)
    #expect(alerts.first?.output.contains("+ carol can now") == true)
    let output = alerts.first?.output ?? ""
    #expect(output.contains("secrets"), "edit reads and writes Secrets: listed first, as riskiest")
    #expect((alerts.first?.severity ?? .debug) >= .critical)
  }
}
