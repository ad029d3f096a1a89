import Testing
import VigilJSON

@testable import VigilKube

/// A cluster-sized model: every namespace binds `edit` and `view` to a team group and a service
/// account; checks incremental diffs stay scoped and reports the times (debug build).
@Suite struct RBACScaleTests {
  static let namespaces = 400

  static func clusterList() -> String {
    var items: [String] = []
    for index in 0..<namespaces {
      for (role, subject) in [
        ("edit", #"{"kind":"ServiceAccount","name":"deployer","namespace":"ns\#(index)"}"#),
        ("view", #"{"kind":"Group","name":"team-\#(index)"}"#),
      ] {
        items.append(
          """
          {"metadata":{"name":"\(role)-binding","namespace":"ns\(index)"},
           "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"\(role)"},
           "subjects":[\(subject)]}
          """)
      }
    }
    return #"{"kind":"RoleBindingList","items":["# + items.joined(separator: ",") + "]}"
  }

  @Test func largeClusterDiffsAndQueries() throws {
    let clock = ContinuousClock()
    var model = try RBACFixtures.baseline()
    let list = try RBACFixtures.parse(Self.clusterList())
    var result: (changes: [RBACChange], errors: [RBACDecodeError]) = ([], [])
    let importTime = clock.measure { result = model.import(list, reportingChanges: false) }
    #expect(result.errors.isEmpty)
    #expect(model.bindings.count >= Self.namespaces * 2)

    var changes: [RBACChange] = []
    let crontab = try RBACFixtures.parse(RBACFixtures.crontabViewer)
    let aggregateTime = clock.measure { changes = (try? model.apply(crontab)) ?? [] }
    // Every edit and view binding gains crontabs, once per subject.
    #expect(changes.count == Self.namespaces * 2 + 2)

    var unrelated: [RBACChange] = [
      .init(
        subject: .user("x"), kind: .granted, verbs: [], target: .nonResourceURL("/"),
        scope: .cluster,
        path: .init(
          binding: ObjectKey(kind: "ClusterRoleBinding", name: "x"),
          role: ObjectKey(kind: "ClusterRole", name: "x")))
    ]
    let unrelatedTime = clock.measure {
      unrelated =
        (try? model.apply(
          json: """
            {"kind":"ClusterRole","metadata":{"name":"unbound"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}
            """)) ?? unrelated
    }
    #expect(unrelated.isEmpty)

    var answers: [RBACWhoCanAnswer] = []
    let whoCanTime = clock.measure {
      answers = model.whoCan(
        verb: "create", resource: "pods", subresource: "exec", namespace: "ns7")
    }
    #expect(
      answers.map(\.subject) == [.group("system:masters"), .serviceAccount("ns7", "deployer")])
    print(
      "RBAC scale (\(model.bindings.count) bindings): import \(importTime), aggregate change \(aggregateTime) "
        + "for \(changes.count) changes, unrelated role \(unrelatedTime), who-can \(whoCanTime)")
  }
}
