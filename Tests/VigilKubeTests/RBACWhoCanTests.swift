import Testing

@testable import VigilKube

@Suite struct RBACWhoCanTests {
  @Test func whoCanReadSecretsInProd() throws {
    let model = try RBACFixtures.baseline()
    let answers = model.whoCan(verb: "get", resource: "secrets", namespace: "prod")
    #expect(
      answers.map(\.subject) == [
        .user("alice@example.com"), .group("system:masters"), .serviceAccount("ci", "builder"),
        .serviceAccount("prod", "backup"),
      ])
    let builder = try #require(answers.first { $0.subject == .serviceAccount("ci", "builder") })
    #expect(
      builder.path.aggregatedFrom
        == ObjectKey(kind: "ClusterRole", name: "system:aggregate-to-edit"))
    #expect(builder.scope == .namespace("prod"))
    #expect(
      builder.description
        == "system:serviceaccount:ci:builder via RoleBinding prod/ci-deployer → ClusterRole edit ← ClusterRole system:aggregate-to-edit"
    )
  }

  @Test func clusterWideQueryOnlyMatchesClusterBindings() throws {
    let model = try RBACFixtures.baseline()
    #expect(
      model.whoCan(verb: "list", resource: "secrets").map(\.subject) == [.group("system:masters")])
    #expect(
      model.whoCan(verb: "create", resource: "pods", subresource: "exec", namespace: "dev").map(
        \.subject)
        == [.group("system:masters")])
  }

  @Test func groupViaAggregatedView() throws {
    let model = try RBACFixtures.baseline()
    let answers = model.whoCan(
      verb: "list", resource: "deployments", apiGroup: "apps", namespace: "payments")
    let oncall = try #require(answers.first { $0.subject == .group("oncall") })
    #expect(oncall.path.role == ObjectKey(kind: "ClusterRole", name: "view"))
    #expect(
      oncall.path.aggregatedFrom == ObjectKey(kind: "ClusterRole", name: "system:aggregate-to-view")
    )
    #expect(!answers.contains { $0.subject == .serviceAccount("ci", "builder") })
  }

  @Test func resourceNamesRestrictAnswers() throws {
    let model = try RBACFixtures.baseline()
    let named = model.whoCan(
      verb: "get", resource: "configmaps", namespace: "prod", name: "app-config")
    #expect(named.contains { $0.subject == .user("alice@example.com") })
    let other = model.whoCan(verb: "get", resource: "configmaps", namespace: "prod", name: "other")
    #expect(!other.contains { $0.subject == .user("alice@example.com") })
    #expect(other.contains { $0.subject == .group("oncall") })
  }

  @Test func aggregationUpdateAnswersNewResource() throws {
    var model = try RBACFixtures.baseline()
    let query = { (model: RBACModel) in
      model.whoCan(
        verb: "watch", resource: "crontabs", apiGroup: "stable.example.com", namespace: "prod")
    }
    #expect(query(model).map(\.subject) == [.group("system:masters")])
    try model.apply(try RBACFixtures.parse(RBACFixtures.crontabViewer))
    #expect(
      query(model).map(\.subject) == [
        .group("oncall"), .group("system:masters"), .serviceAccount("ci", "builder"),
      ])
  }

  @Test func nonResourceURLs() throws {
    var model = try RBACFixtures.baseline()
    try model.apply(
      json: """
        {"kind":"ClusterRole","metadata":{"name":"metrics-reader"},"rules":[{"nonResourceURLs":["/metrics","/debug/*"],"verbs":["get"]}]}
        """)
    try model.apply(
      json: """
        {"kind":"ClusterRoleBinding","metadata":{"name":"prom"},"roleRef":{"kind":"ClusterRole","name":"metrics-reader"},
         "subjects":[{"kind":"ServiceAccount","name":"prometheus","namespace":"monitoring"}]}
        """)
    #expect(
      model.whoCan(verb: "get", nonResourceURL: "/debug/pprof").map(\.subject)
        == [.group("system:masters"), .serviceAccount("monitoring", "prometheus")])
    #expect(
      model.whoCan(verb: "post", nonResourceURL: "/metrics").map(\.subject) == [
        .group("system:masters")
      ])
  }

  @Test func wildcardMatching() {
    let subresourceWildcard = RBACPolicyRule(
      verbs: ["get"], apiGroups: [""], resources: ["*/scale"])
    #expect(
      subresourceWildcard.allows(
        verb: "get", group: "", resource: "deployments", subresource: "scale"))
    #expect(!subresourceWildcard.allows(verb: "get", group: "", resource: "deployments"))
    let plain = RBACPolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])
    #expect(!plain.allows(verb: "get", group: "", resource: "pods", subresource: "exec"))
    #expect(!plain.allows(verb: "get", group: "apps", resource: "pods"))
    let wide = RBACPermission(
      verb: "*", target: .resource(group: "*", resource: "*", name: nil), scope: .cluster)
    let narrow = RBACPermission(
      verb: "get", target: .resource(group: "", resource: "pods/exec", name: "x"),
      scope: .namespace("a"))
    #expect(wide.covers(narrow))
    #expect(!narrow.covers(wide))
  }

  @Test func deleteRemovesAnswers() throws {
    var model = try RBACFixtures.baseline()
    model.delete(ObjectKey(kind: "RoleBinding", namespace: "prod", name: "ci-deployer"))
    #expect(
      !model.whoCan(verb: "get", resource: "secrets", namespace: "prod").contains {
        $0.subject == .serviceAccount("ci", "builder")
      })
  }
}

@Suite struct RBACCoveringTests {
  /// `coveringCandidates` (used by diffs) agrees with `covers` on every pair of a small universe.
  @Test func candidatesAgreeWithCovers() {
    var universe: [RBACPermission] = []
    for verb in ["get", "*"] {
      for group in ["", "*"] {
        for resource in ["pods", "pods/exec", "*", "*/exec", "secrets"] {
          for name in [nil, "a"] as [String?] {
            for scope in [RBACScope.cluster, .namespace("n")] {
              universe.append(
                RBACPermission(
                  verb: verb, target: .resource(group: group, resource: resource, name: name),
                  scope: scope))
            }
          }
        }
      }
      for url in ["/metrics", "/debug/*", "/debug/pprof", "*", "/*"] {
        universe.append(RBACPermission(verb: verb, target: .nonResourceURL(url), scope: .cluster))
      }
    }
    for narrow in universe {
      let candidates = Set(narrow.coveringCandidates)
      for wide in universe {
        #expect(wide.covers(narrow) == candidates.contains(wide), "\(wide) covers \(narrow)")
      }
    }
  }
}
