import Testing
import VigilJSON

@testable import VigilKube

@Suite struct NetworkPolicyModelTests {
  static let web = NetworkPolicyEndpoint.pod(
    .init(
      namespace: "shop", name: "web-1", labels: Labels(["app": "web"]),
      addresses: [IPAddress("10.244.1.10")!]))
  static let api = NetworkPolicyEndpoint.pod(
    .init(
      namespace: "shop", name: "api-1", labels: Labels(["app": "api"]),
      addresses: [IPAddress("10.244.1.11")!],
      ports: [ContainerPortRecord(containerPort: 8080, name: "http")]))
  static let db = NetworkPolicyEndpoint.pod(
    .init(
      namespace: "data", name: "postgres-0", labels: Labels(["app": "postgres"]),
      addresses: [IPAddress("10.244.1.12")!]))
  static let ops = NetworkPolicyEndpoint.pod(
    .init(
      namespace: "ops", name: "backup-1", labels: Labels(["app": "backup"]),
      addresses: [IPAddress("10.244.2.5")!]))
  static let internet = NetworkPolicyEndpoint.address(IPAddress("93.184.216.34")!)

  func model(_ policies: String..., namespaces: [String: [String: String]] = [:]) throws
    -> NetworkPolicyModel
  {
    var model = NetworkPolicyModel(namespaceLabels: namespaces.mapValues { Labels($0) })
    for text in policies {
      let read = try model.apply(json: text)
      #expect(read == 1, "\(model.skipped)")
    }
    return model
  }

  static func policy(_ namespace: String, _ name: String, _ spec: String) -> String {
    #"{"kind":"NetworkPolicy","metadata":{"name":"\#(name)","namespace":"\#(namespace)"},"spec":\#(spec)}"#
  }

  @Test func noPolicyMeansEverythingIsAllowed() throws {
    let model = try model()
    #expect(model.allows(from: Self.web, to: Self.db, port: 5432))
    #expect(model.allows(from: Self.internet, to: Self.db, port: 5432))
    let decision = model.decision(from: Self.web, to: Self.db, port: 5432)
    #expect(decision.egress == .notIsolated && decision.ingress == .notIsolated)
  }

  @Test func defaultDenyIngressIsolatesOnlyItsNamespace() throws {
    let model = try model(Self.policy("data", "default-deny", #"{"podSelector":{}}"#))
    #expect(!model.allows(from: Self.web, to: Self.db, port: 5432))
    #expect(!model.allows(from: Self.internet, to: Self.db, port: 5432))
    #expect(model.allows(from: Self.db, to: Self.web, port: 80), "egress is not isolated")
    #expect(model.allows(from: Self.web, to: Self.api, port: 8080), "other namespace")
    let decision = model.decision(from: Self.web, to: Self.db, port: 5432)
    #expect(
      decision.description
        == "egress: not isolated; ingress: denied (isolated by data/default-deny)")
  }

  @Test func defaultDenyEgressBlocksTheSource() throws {
    let model = try model(
      Self.policy("shop", "deny-egress", #"{"podSelector":{},"policyTypes":["Egress"]}"#))
    #expect(!model.allows(from: Self.web, to: Self.db, port: 5432))
    #expect(!model.allows(from: Self.web, to: Self.internet, port: 443))
    #expect(model.allows(from: Self.db, to: Self.web, port: 80), "ingress is not isolated")
  }

  @Test func allowFromNamespaceBySelector() throws {
    let model = try model(
      Self.policy(
        "data", "from-shop",
        #"{"podSelector":{"matchLabels":{"app":"postgres"}},"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"team":"shop"}}}],"ports":[{"port":5432}]}]}"#
      ), namespaces: ["shop": ["team": "shop"], "ops": ["team": "ops"]])
    #expect(model.allows(from: Self.web, to: Self.db, port: 5432))
    #expect(model.allows(from: Self.api, to: Self.db, port: 5432))
    #expect(!model.allows(from: Self.web, to: Self.db, port: 5433), "other port")
    #expect(!model.allows(from: Self.web, to: Self.db, port: 5432, proto: "UDP"), "other protocol")
    #expect(!model.allows(from: Self.ops, to: Self.db, port: 5432), "other namespace")
    #expect(!model.allows(from: Self.internet, to: Self.db, port: 5432))
    #expect(
      model.decision(from: Self.web, to: Self.db, port: 5432).ingress
        == .allowed(by: [ObjectKey(kind: "NetworkPolicy", namespace: "data", name: "from-shop")]))
  }

  @Test func namespaceNameLabelIsImplied() throws {
    let model = try model(
      Self.policy(
        "data", "from-ops",
        #"{"podSelector":{},"ingress":[{"from":[{"namespaceSelector":{"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"In","values":["ops"]}]}}]}]}"#
      ))
    #expect(model.allows(from: Self.ops, to: Self.db, port: 5432))
    #expect(!model.allows(from: Self.web, to: Self.db, port: 5432))
  }

  @Test func podSelectorPeerIsTheSameNamespaceOnly() throws {
    let model = try model(
      Self.policy(
        "data", "from-app-web",
        #"{"podSelector":{},"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"web"}}}]}]}"#
      ))
    #expect(!model.allows(from: Self.web, to: Self.db, port: 5432), "web is in shop, not data")
    let both = try self.model(
      Self.policy(
        "data", "web-anywhere",
        #"{"podSelector":{},"ingress":[{"from":[{"namespaceSelector":{},"podSelector":{"matchLabels":{"app":"web"}}}]}]}"#
      ))
    #expect(both.allows(from: Self.web, to: Self.db, port: 5432))
    #expect(!both.allows(from: Self.api, to: Self.db, port: 5432))
  }

  @Test func ipBlockWithExcept() throws {
    let model = try model(
      Self.policy(
        "shop", "public-web",
        #"{"podSelector":{"matchLabels":{"app":"web"}},"ingress":[{"from":[{"ipBlock":{"cidr":"0.0.0.0/0","except":["93.184.216.0/24"]}}],"ports":[{"port":443}]}]}"#
      ))
    let other = NetworkPolicyEndpoint.address(IPAddress("198.51.100.7")!)
    #expect(model.allows(from: other, to: Self.web, port: 443))
    #expect(!model.allows(from: Self.internet, to: Self.web, port: 443), "excepted")
    #expect(!model.allows(from: other, to: Self.web, port: 80))
    #expect(model.allows(from: Self.db, to: Self.web, port: 443), "pod addresses match ipBlocks")
  }

  @Test func egressToIPBlock() throws {
    let model = try model(
      Self.policy(
        "shop", "egress-dns-and-db",
        #"{"podSelector":{"matchLabels":{"app":"api"}},"policyTypes":["Egress"],"egress":[{"to":[{"ipBlock":{"cidr":"10.244.1.0/24"}}],"ports":[{"port":5432}]},{"ports":[{"protocol":"UDP","port":53}]}]}"#
      ))
    #expect(model.allows(from: Self.api, to: Self.db, port: 5432))
    #expect(!model.allows(from: Self.api, to: Self.internet, port: 443))
    #expect(model.allows(from: Self.api, to: Self.internet, port: 53, proto: "udp"))
    #expect(model.allows(from: Self.web, to: Self.internet, port: 443), "web is not selected")
  }

  @Test func portRangesAndNamedPorts() throws {
    let model = try model(
      Self.policy(
        "shop", "ports",
        #"{"podSelector":{},"ingress":[{"ports":[{"port":30000,"endPort":30010},{"port":"http"}]}]}"#
      ))
    #expect(model.allows(from: Self.internet, to: Self.web, port: 30000))
    #expect(model.allows(from: Self.internet, to: Self.web, port: 30010))
    #expect(!model.allows(from: Self.internet, to: Self.api, port: 30011))
    #expect(model.allows(from: Self.internet, to: Self.api, port: 8080), "http is 8080 on api")
    #expect(!model.allows(from: Self.internet, to: Self.api, port: 8081), "api declares http=8080")
    #expect(model.allows(from: Self.internet, to: Self.web, port: 8081), "web's ports unknown: any")
  }

  @Test func multiplePoliciesUnion() throws {
    let model = try model(
      Self.policy("data", "deny", #"{"podSelector":{}}"#),
      Self.policy(
        "data", "from-web",
        #"{"podSelector":{"matchLabels":{"app":"postgres"}},"ingress":[{"from":[{"namespaceSelector":{},"podSelector":{"matchLabels":{"app":"web"}}}]}]}"#
      ),
      Self.policy(
        "data", "from-ops",
        #"{"podSelector":{"matchLabels":{"app":"postgres"}},"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"ops"}}}]}]}"#
      ))
    #expect(model.allows(from: Self.web, to: Self.db, port: 5432))
    #expect(model.allows(from: Self.ops, to: Self.db, port: 5432))
    #expect(!model.allows(from: Self.api, to: Self.db, port: 5432))
    guard
      case .denied(let isolating) = model.decision(from: Self.api, to: Self.db, port: 5432).ingress
    else {
      Issue.record("api → db should be denied")
      return
    }
    #expect(isolating.map(\.name) == ["deny", "from-ops", "from-web"])
  }

  @Test func egressAndIngressMustBothAllow() throws {
    let model = try model(
      Self.policy(
        "data", "from-shop",
        #"{"podSelector":{},"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"shop"}}}]}]}"#
      ),
      Self.policy(
        "shop", "web-egress",
        #"{"podSelector":{"matchLabels":{"app":"web"}},"policyTypes":["Egress"],"egress":[{"to":[{"podSelector":{"matchLabels":{"app":"api"}}}]}]}"#
      ))
    #expect(!model.allows(from: Self.web, to: Self.db, port: 5432), "web's egress denies")
    #expect(model.allows(from: Self.api, to: Self.db, port: 5432))
    #expect(model.allows(from: Self.web, to: Self.api, port: 8080))
  }

  @Test func emptyIngressListDeniesAllButAnEmptyRuleAllowsAll() throws {
    let deny = try model(Self.policy("shop", "p", #"{"podSelector":{},"ingress":[]}"#))
    #expect(!deny.allows(from: Self.internet, to: Self.web, port: 443))
    let allow = try model(Self.policy("shop", "p", #"{"podSelector":{},"ingress":[{}]}"#))
    #expect(allow.allows(from: Self.internet, to: Self.web, port: 443))
  }

  @Test func matchExpressionsOperators() {
    let selector = PolicyLabelSelector(matchExpressions: [
      .init(key: "tier", operator: .notIn, values: ["dev"]),
      .init(key: "app", operator: .exists),
      .init(key: "legacy", operator: .doesNotExist),
    ])
    #expect(selector.matches(Labels(["app": "x"])))
    #expect(selector.matches(Labels(["app": "x", "tier": "prod"])))
    #expect(!selector.matches(Labels(["app": "x", "tier": "dev"])))
    #expect(!selector.matches(Labels(["tier": "prod"])))
    #expect(!selector.matches(Labels(["app": "x", "legacy": "1"])))
    #expect(PolicyLabelSelector.everything.matches(.empty))
  }

  @Test func deletingAPolicyLiftsIsolation() throws {
    var model = try model(Self.policy("data", "deny", #"{"podSelector":{}}"#))
    #expect(!model.allows(from: Self.web, to: Self.db, port: 5432))
    model.delete(ObjectKey(kind: "NetworkPolicy", namespace: "data", name: "deny"))
    #expect(model.allows(from: Self.web, to: Self.db, port: 5432))
  }
}
