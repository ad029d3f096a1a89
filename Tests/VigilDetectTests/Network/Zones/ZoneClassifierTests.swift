import Testing
import VigilCore
import VigilKube

@testable import VigilDetect

@Suite("ZoneClassifier")
struct ZoneClassifierTests {
  @Test("name patterns give the default zones; unknown names have none")
  func namePatterns() {
    let classifier = ZoneClassifier()
    let cases: [(String, Zone?)] = [
      ("prod", .prod), ("production", .prod), ("payments-prod", .prod), ("prod-eu", .prod),
      ("staging", .staging), ("stage", .staging), ("shop-staging", .staging),
      ("dev", .dev), ("shop-dev", .dev), ("dev-shop", .dev), ("test", .dev), ("qa", .dev),
      ("sandbox", .dev), ("kube-system", nil), ("product", nil), ("reproduce", nil),
      ("devops", nil), ("", nil),
    ]
    for (name, zone) in cases {
      #expect(classifier.zone(ofNamespace: name)?.zone == zone, "\(name)")
    }
    #expect(classifier.zone(ofNamespace: "dev-shop")?.reason == "name pattern dev-*")
  }

  @Test("labels win over names; generic keys need a known zone value, the zone key any value")
  func labels() {
    let classifier = ZoneClassifier(namespaceLabels: [
      "payments": Labels(["environment": "Production"]),
      "prod-looking": Labels(["env": "qa"]),
      "backend": Labels(["tier": "backend"]),
      "perf": Labels(["vigil.dev/zone": "Perf", "environment": "prod"]),
      "shop-dev": Labels(["tier": "frontend"]),
    ])
    #expect(classifier.zone(ofNamespace: "payments")?.zone == .prod)
    #expect(classifier.zone(ofNamespace: "payments")?.reason == "label environment=Production")
    #expect(classifier.zone(ofNamespace: "prod-looking")?.zone == .dev)
    #expect(classifier.zone(ofNamespace: "backend") == nil)
    #expect(classifier.zone(ofNamespace: "perf")?.zone == Zone("perf"))
    #expect(classifier.zone(ofNamespace: "shop-dev")?.zone == .dev)
    #expect(classifier.knownCount == 5)
  }

  @Test("overrides and unzoned namespaces beat labels and names")
  func overrides() {
    var configuration = ZoneClassifier.Configuration()
    configuration.overrides = ["payments": .prod, "prod-mirror": .staging]
    configuration.unzoned = ["dev-tools"]
    configuration.labelKeys = ["stage"]
    let classifier = ZoneClassifier(
      namespaceLabels: ["dev-tools": Labels(["stage": "dev"]), "x": Labels(["stage": "prod"])],
      configuration: configuration)
    #expect(classifier.zone(ofNamespace: "payments")?.zone == .prod)
    #expect(classifier.zone(ofNamespace: "payments")?.reason == "override")
    #expect(classifier.zone(ofNamespace: "prod-mirror")?.zone == .staging)
    #expect(classifier.zone(ofNamespace: "dev-tools") == nil)
    #expect(classifier.zone(ofNamespace: "x")?.zone == .prod)
  }

  @Test("built from the inventory's namespaces")
  func fromInventory() throws {
    var inventory = Inventory()
    try inventory.apply(
      .added,
      json: """
        {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"payments",
        "labels":{"environment":"prod"}}}
        """, at: ZoneTestFlows.t0)
    try inventory.apply(
      .added,
      json: """
        {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"web","labels":{"env":"stage"}}}
        """, at: ZoneTestFlows.t0)
    var classifier = ZoneClassifier(inventory: inventory)
    #expect(classifier.zone(ofNamespace: "payments")?.zone == .prod)
    #expect(classifier.zone(ofNamespace: "web")?.zone == .staging)
    #expect(classifier.zone(ofNamespace: "unknown") == nil)
    classifier.learn(namespace: "web", labels: .empty)
    #expect(classifier.zone(ofNamespace: "web") == nil)
    classifier.forget(namespace: "payments")
    #expect(classifier.zone(ofNamespace: "payments") == nil)
  }

  @Test("glob patterns match whole names, case-insensitively")
  func globs() {
    let middle = ZoneNamePattern("*-qa-*", zone: .dev)
    #expect(middle.matches("shop-qa-1"))
    #expect(!middle.matches("shop-qa"))
    #expect(ZoneNamePattern("PROD-*", zone: .prod).matches("prod-EU"))
    #expect(ZoneNamePattern("a*b*c", zone: .dev).matches("aXbYc"))
    #expect(!ZoneNamePattern("a*b*c", zone: .dev).matches("aXcYb"))
    #expect(ZoneNamePattern("*", zone: .dev).matches("anything"))
    #expect(!ZoneNamePattern("prod", zone: .prod).matches("prod2"))
    #expect(ZoneNamePattern("ab*ab", zone: .prod).matches("abab"))
    #expect(!ZoneNamePattern("ab*ab", zone: .prod).matches("aba"))
  }
}
