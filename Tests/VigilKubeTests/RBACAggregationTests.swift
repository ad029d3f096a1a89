import Testing

@testable import VigilKube

@Suite struct RBACAggregationTests {
  @Test func adminTakesInEditAndViewTransitively() throws {
    let model = try RBACFixtures.baseline()
    var resolver = RBACRuleResolver(roles: model.roles)
    let origins = Set(
      resolver.rules(of: ObjectKey(kind: "ClusterRole", name: "admin")).compactMap(\.origin?.name))
    #expect(
      origins == [
        "system:aggregate-to-admin", "system:aggregate-to-edit", "system:aggregate-to-view",
      ])
  }

  @Test func labelledClusterRoleExtendsAggregatedRoles() throws {
    var model = try RBACFixtures.baseline()
    let changes = try model.apply(try RBACFixtures.parse(RBACFixtures.crontabViewer))
    let target = RBACPermission.Target.resource(
      group: "stable.example.com", resource: "crontabs", name: nil)
    let oncall = changes.filter { $0.subject == .group("oncall") }
    #expect(oncall.count == 1)
    #expect(oncall.first?.verbs == ["get", "list", "watch"])
    #expect(oncall.first?.target == target)
    #expect(
      oncall.first?.path.aggregatedFrom == ObjectKey(kind: "ClusterRole", name: "crontabs-view"))
    #expect(
      oncall.first?.description
        == "+ group oncall can now get,list,watch crontabs.stable.example.com in all namespaces "
        + "(via ClusterRoleBinding oncall-view → ClusterRole view ← ClusterRole crontabs-view)")
    // edit aggregates view, so the CI account bound to edit in prod gains it there.
    let builder = changes.filter { $0.subject == .serviceAccount("ci", "builder") }
    #expect(builder.map(\.scope) == [.namespace("prod")])
    #expect(builder.first?.severity == .notice)

    let removed = model.delete(ObjectKey(kind: "ClusterRole", name: "crontabs-view"))
    #expect(Set(removed.map(\.subject)) == [.group("oncall"), .serviceAccount("ci", "builder")])
    #expect(removed.allSatisfy { $0.kind == .revoked && $0.target == target })
  }

  @Test func relabellingOutOfAnAggregationRevokes() throws {
    var model = try RBACFixtures.baseline()
    try model.apply(try RBACFixtures.parse(RBACFixtures.crontabViewer))
    let relabelled = RBACFixtures.crontabViewer.replacing(
      "aggregate-to-view", with: "aggregate-to-nothing")
    let changes = try model.apply(json: relabelled)
    #expect(!changes.isEmpty)
    #expect(changes.allSatisfy { $0.kind == .revoked })
  }

  @Test func matchExpressionsSelect() {
    let selector = RBACAggregationSelector(matchExpressions: [
      .init(key: "tier", operation: "In", values: ["a", "b"]),
      .init(key: "legacy", operation: "DoesNotExist"),
    ])
    #expect(selector.matches(["tier": "a"]))
    #expect(!selector.matches(["tier": "c"]))
    #expect(!selector.matches(["tier": "a", "legacy": "1"]))
    #expect(!RBACAggregationSelector().matches(["x": "y"]))
  }

  @Test func aggregationCycleTerminates() throws {
    var model = RBACModel()
    for (name, label, selects) in [("a", "to-b", "to-a"), ("b", "to-a", "to-b")] {
      try model.apply(
        json: """
          {"kind":"ClusterRole","metadata":{"name":"\(name)","labels":{"\(label)":"true"}},
           "aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"\(selects)":"true"}}]},
           "rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}
          """)
    }
    var resolver = RBACRuleResolver(roles: model.roles)
    #expect(resolver.rules(of: ObjectKey(kind: "ClusterRole", name: "a")).count <= 2)
  }
}
