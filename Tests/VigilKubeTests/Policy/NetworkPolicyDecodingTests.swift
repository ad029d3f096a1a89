import Testing
import VigilJSON

@testable import VigilKube

@Suite struct NetworkPolicyDecodingTests {
  func decode(_ text: String) throws -> NetworkPolicy {
    let document = try JSONDocument(parsing: text)
    return try NetworkPolicy(json: document.root)
  }

  @Test func readsSelectorsPeersAndPorts() throws {
    let policy = try decode(
      """
      {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy",
       "metadata":{"name":"db","namespace":"shop"},
       "spec":{"podSelector":{"matchLabels":{"app":"postgres"},
                              "matchExpressions":[{"key":"tier","operator":"In","values":["db"]}]},
        "ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"api"}}},
                            {"namespaceSelector":{"matchLabels":{"team":"ops"}}},
                            {"namespaceSelector":{},"podSelector":{"matchLabels":{"role":"backup"}}},
                            {"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"]}}],
                    "ports":[{"protocol":"TCP","port":5432},{"port":30000,"endPort":30010},
                             {"port":"metrics"},{"protocol":"UDP"}]}]}}
      """)
    #expect(policy.key == ObjectKey(kind: "NetworkPolicy", namespace: "shop", name: "db"))
    #expect(policy.directions == [.ingress])
    #expect(policy.podSelector.matchLabels == ["app": "postgres"])
    #expect(
      policy.podSelector.matchExpressions == [.init(key: "tier", operator: .in, values: ["db"])])
    let rule = try #require(policy.ingress.first)
    #expect(rule.peers.count == 4)
    #expect(rule.peers[0] == .pods(PolicyLabelSelector(matchLabels: ["app": "api"])))
    #expect(rule.peers[1] == .namespaces(PolicyLabelSelector(matchLabels: ["team": "ops"])))
    #expect(
      rule.peers[2]
        == .podsInNamespaces(
          pods: PolicyLabelSelector(matchLabels: ["role": "backup"]), namespaces: .everything))
    #expect(rule.peers[3].description == "ipBlock 10.0.0.0/8 except 10.1.0.0/16")
    #expect(
      rule.ports.map(\.description) == ["TCP/5432", "TCP/30000-30010", "TCP/metrics", "UDP/*"])
  }

  @Test func policyTypesDefaultFromTheRules() throws {
    let both = try decode(
      #"{"kind":"NetworkPolicy","metadata":{"name":"a","namespace":"n"},"spec":{"podSelector":{},"egress":[{}]}}"#
    )
    #expect(both.directions == [.ingress, .egress])
    let egressOnly = try decode(
      #"{"kind":"NetworkPolicy","metadata":{"name":"a","namespace":"n"},"spec":{"podSelector":{},"policyTypes":["Egress"]}}"#
    )
    #expect(egressOnly.directions == [.egress])
    #expect(egressOnly.egress.isEmpty)
  }

  @Test(arguments: [
    (#"{"ipBlock":{"cidr":"10.0.0.0/33"}}"#, "bad CIDR 10.0.0.0/33"),
    (
      #"{"ipBlock":{"cidr":"10.0.0.0/8","except":["192.168.0.0/16"]}}"#,
      "except 192.168.0.0/16 is outside 10.0.0.0/8"
    ),
    (
      #"{"ipBlock":{"cidr":"10.0.0.0/8"},"podSelector":{}}"#,
      "bad peer: ipBlock combined with a selector"
    ),
    ("{}", "bad peer: no selector and no ipBlock"),
    (
      #"{"podSelector":{"matchExpressions":[{"key":"a","operator":"Near"}]}}"#,
      "unknown selector operator Near"
    ),
    (
      #"{"podSelector":{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}}"#,
      "selector requirement a In needs values"
    ),
  ])
  func malformedPeersAreRejected(peer: String, reason: String) throws {
    let text =
      #"{"kind":"NetworkPolicy","metadata":{"name":"x","namespace":"n"},"spec":{"ingress":[{"from":["#
      + peer + "]}]}}"
    #expect(throws: NetworkPolicyDecodeError.self) { try decode(text) }
    do {
      _ = try decode(text)
    } catch let error as NetworkPolicyDecodeError {
      #expect(error.description == reason)
    }
  }

  @Test(arguments: [
    (#"{"port":0}"#, "bad port: port 0 out of 1-65535"),
    (#"{"port":100,"endPort":90}"#, "bad port: endPort 90 below 100 or above 65535"),
    (#"{"endPort":90}"#, "endPort needs a numeric port"),
    (#"{"port":"http","endPort":90}"#, "endPort needs a numeric port"),
    (#"{"protocol":"ICMP","port":1}"#, "unknown protocol ICMP"),
  ])
  func malformedPortsAreRejected(port: String, reason: String) throws {
    let text =
      #"{"kind":"NetworkPolicy","metadata":{"name":"x","namespace":"n"},"spec":{"egress":[{"ports":["#
      + port + "]}]}}"
    do {
      _ = try decode(text)
      Issue.record("\(port) was accepted")
    } catch let error as NetworkPolicyDecodeError {
      #expect(error.description == reason)
    }
  }

  @Test func modelReportsAndSkipsMalformedPolicies() throws {
    var model = NetworkPolicyModel()
    let count = try model.apply(
      json: """
        {"kind":"NetworkPolicyList","items":[
          {"metadata":{"name":"good","namespace":"shop"},"spec":{"podSelector":{}}},
          {"metadata":{"name":"bad","namespace":"shop"},"spec":{"policyTypes":["Sideways"]}},
          {"metadata":{"namespace":"shop"},"spec":{}}
        ]}
        """)
    #expect(count == 1)
    #expect(model.list.map(\.description) == ["shop/good"])
    #expect(
      model.skipped.map(\.description) == [
        "NetworkPolicy shop/bad: unknown policyType Sideways",
        "item 2: the NetworkPolicy has no metadata.name",
      ])
    // Fixing the object clears the report.
    try model.apply(
      json: #"{"kind":"NetworkPolicy","metadata":{"name":"bad","namespace":"shop"},"spec":{}}"#)
    #expect(model.skipped.map(\.object) == ["item 2"])
    #expect(model.list.count == 2)
  }
}
