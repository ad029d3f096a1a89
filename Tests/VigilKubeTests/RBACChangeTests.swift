import Testing
import VigilCore

@testable import VigilKube

@Suite struct RBACChangeTests {
  static func clusterRole(_ name: String, _ rules: String) -> String {
    """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"\(name)"},"rules":[\(rules)]}
    """
  }

  static func clusterBinding(_ name: String, role: String, subject: String) -> String {
    """
    {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"\(name)"},
     "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"\(role)"},
     "subjects":[\(subject)]}
    """
  }

  static let builder = #"{"kind":"ServiceAccount","name":"builder","namespace":"ci"}"#

  @Test func clusterWideSecretReadIsCriticalAndWorded() throws {
    var model = try RBACFixtures.baseline()
    try model.apply(
      json: Self.clusterRole(
        "secrets-reader", #"{"apiGroups":[""],"resources":["secrets"],"verbs":["list","get"]}"#))
    let changes = try model.apply(
      json: Self.clusterBinding("ci-secrets", role: "secrets-reader", subject: Self.builder))
    #expect(
      changes.map(\.description) == [
        "+ system:serviceaccount:ci:builder can now get,list secrets in all namespaces "
          + "(via ClusterRoleBinding ci-secrets → ClusterRole secrets-reader)"
      ])
    #expect(changes.first?.severity == .critical)
    #expect(changes.first?.reasons == ["reads Secrets", "cluster-wide"])
  }

  @Test func clusterAdminEscalationIsCriticalWithWildcard() throws {
    var model = try RBACFixtures.baseline()
    let changes = try model.apply(try RBACFixtures.parse(RBACFixtures.ciAdminBinding))
    #expect(changes.count == 2)
    #expect(
      changes.allSatisfy {
        $0.subject == .serviceAccount("ci", "builder") && $0.severity == .critical
      })
    let resource = try #require(
      changes.first { if case .resource = $0.target { true } else { false } })
    #expect(
      resource.description
        == "+ system:serviceaccount:ci:builder can now * *.* cluster-wide (via ClusterRoleBinding ci-admin → ClusterRole cluster-admin)"
    )
    #expect(resource.reasons.contains("wildcard (*) grant"))
    #expect(resource.reasons.contains("reads Secrets"))
    #expect(resource.reasons.contains("can impersonate users"))
    #expect(resource.reasons.last == "cluster-wide")
  }

  @Test func clusterWidePlainReadIsError() throws {
    var model = RBACModel()
    try model.apply(
      json: Self.clusterRole(
        "node-lister", #"{"apiGroups":[""],"resources":["nodes"],"verbs":["list"]}"#))
    let changes = try model.apply(
      json: Self.clusterBinding(
        "b", role: "node-lister", subject: #"{"kind":"User","name":"carol"}"#))
    #expect(
      changes.map(\.description) == [
        "+ carol can now list nodes cluster-wide (via ClusterRoleBinding b → ClusterRole node-lister)"
      ])
    #expect(changes.first?.severity == .error)
    #expect(changes.first?.reasons == ["cluster-wide"])
  }

  @Test func namespacedPlainGrantIsNotice() throws {
    var model = try RBACFixtures.baseline()
    let changes = try model.apply(
      json: """
        {"kind":"RoleBinding","metadata":{"name":"dev-view","namespace":"dev"},
         "roleRef":{"kind":"ClusterRole","name":"view"},"subjects":[{"kind":"Group","name":"developers"}]}
        """)
    #expect(!changes.isEmpty)
    #expect(
      changes.allSatisfy {
        $0.severity == .notice && $0.reasons.isEmpty && $0.scope == .namespace("dev")
      })
    #expect(
      changes.contains {
        $0.description == "+ group developers can now get,list,watch pods in namespace dev "
          + "(via RoleBinding dev/dev-view → ClusterRole view ← ClusterRole system:aggregate-to-view)"
      })
  }

  @Test func revocationIsInformationalAndWorded() throws {
    var model = try RBACFixtures.baseline()
    let changes = model.delete(
      ObjectKey(kind: "RoleBinding", namespace: "prod", name: "read-secrets"))
    let alice = changes.filter { $0.subject == .user("alice@example.com") }
    #expect(
      alice.map(\.description) == [
        "- alice@example.com can no longer get configmaps \"app-config\" in namespace prod "
          + "(via RoleBinding prod/read-secrets → Role prod/secret-reader)",
        "- alice@example.com can no longer get,list,watch secrets in namespace prod "
          + "(via RoleBinding prod/read-secrets → Role prod/secret-reader)",
      ])
    #expect(alice.allSatisfy { $0.severity == .informational })
    #expect(alice.map(\.reasons) == [[], ["reads Secrets"]])
  }

  @Test func roleRuleEditDiffsOnlyTheNewRule() throws {
    var model = try RBACFixtures.baseline()
    let edited = RBACFixtures.secretReaderRole.replacing(
      #""verbs":["get"]}]}"#,
      with: #""verbs":["get"]},{"apiGroups":[""],"resources":["pods/exec"],"verbs":["create"]}]}"#)
    let changes = try model.apply(json: edited)
    #expect(changes.count == 2)
    #expect(
      Set(changes.map(\.subject)) == [
        .user("alice@example.com"), .serviceAccount("prod", "backup"),
      ])
    #expect(
      changes.allSatisfy {
        $0.verbs == ["create"] && $0.severity == .critical && $0.reasons == ["can exec into pods"]
      })
  }

  @Test func grantCoveredByAWildcardIsNoChange() throws {
    var model = try RBACFixtures.baseline()
    try model.apply(
      json: Self.clusterRole(
        "secrets-reader", #"{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}"#))
    let changes = try model.apply(
      json: Self.clusterBinding(
        "masters-secrets", role: "secrets-reader",
        subject: #"{"kind":"Group","name":"system:masters"}"#))
    #expect(changes.isEmpty)
    // Removing the wildcard leaves the narrower grant: only what it does not cover is revoked.
    let removed = model.delete(ObjectKey(kind: "ClusterRoleBinding", name: "cluster-admin"))
    #expect(removed.count == 2)
    #expect(removed.allSatisfy { $0.kind == .revoked && $0.verbs == ["*"] })
  }

  @Test(arguments: [
    (#"{"apiGroups":[""],"resources":["pods/attach"],"verbs":["create"]}"#, "can attach to pods"),
    (#"{"apiGroups":[""],"resources":["users"],"verbs":["impersonate"]}"#, "can impersonate users"),
    (
      #"{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["escalate"]}"#,
      "can escalate ClusterRoles"
    ),
    (
      #"{"apiGroups":["rbac.authorization.k8s.io"],"resources":["roles"],"verbs":["bind"]}"#,
      "can bind Roles"
    ),
    (
      #"{"apiGroups":[""],"resources":["serviceaccounts/token"],"verbs":["create"]}"#,
      "can mint service account tokens"
    ),
    (
      #"{"apiGroups":[""],"resources":["nodes/proxy"],"verbs":["get"]}"#,
      "can proxy to kubelets (nodes/proxy)"
    ),
    (#"{"apiGroups":[""],"resources":["secrets"],"verbs":["watch"]}"#, "reads Secrets"),
    (#"{"apiGroups":[""],"resources":["*/exec"],"verbs":["get"]}"#, "can exec into pods"),
    (#"{"apiGroups":["apps"],"resources":["deployments"],"verbs":["*"]}"#, "wildcard (*) grant"),
  ])
  func dangerousGrantsAreCritical(rule: String, reason: String) throws {
    var model = RBACModel()
    try model.apply(
      json: """
        {"kind":"Role","metadata":{"name":"r","namespace":"team"},"rules":[\(rule)]}
        """)
    let changes = try model.apply(
      json: """
        {"kind":"RoleBinding","metadata":{"name":"b","namespace":"team"},"roleRef":{"kind":"Role","name":"r"},
         "subjects":[{"kind":"User","name":"dave"}]}
        """)
    #expect(changes.count == 1)
    #expect(changes.first?.severity == .critical)
    #expect(changes.first?.reasons.contains(reason) == true)
    #expect(changes.first?.reasons.contains("cluster-wide") == false)
  }

  @Test func harmlessGrantsAreNotCritical() {
    for rule in [
      RBACPolicyRule(verbs: ["create"], apiGroups: [""], resources: ["secrets"]),
      RBACPolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]),
      RBACPolicyRule(
        verbs: ["list"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"]),
    ] {
      let permission = rule.permissions(in: .namespace("a"))
      let change = RBACChange(
        subject: .user("u"), kind: .granted, verbs: permission.map(\.verb),
        target: permission[0].target,
        scope: .namespace("a"),
        path: RBACGrantPath(
          binding: ObjectKey(kind: "RoleBinding", namespace: "a", name: "b"),
          role: ObjectKey(kind: "Role", namespace: "a", name: "r")))
      #expect(change.severity == .notice, "\(rule)")
    }
  }

  @Test func modelDiffMatchesApplyChanges() throws {
    let before = try RBACFixtures.baseline()
    var after = before
    let applied = try after.apply(try RBACFixtures.parse(RBACFixtures.ciAdminBinding))
    #expect(RBACChange.diff(before: before, after: after) == applied)
    #expect(RBACChange.diff(before: after, after: before).allSatisfy { $0.kind == .revoked })
    #expect(RBACChange.diff(before: before, after: before).isEmpty)
  }

  @Test func bindingSubjectSwapGrantsAndRevokes() throws {
    var model = try RBACFixtures.baseline()
    let swapped = RBACFixtures.oncallViewBinding.replacing(
      #""name":"oncall"}"#, with: #""name":"sre"}"#)
    let changes = try model.apply(json: swapped)
    #expect(changes.contains { $0.subject == .group("sre") && $0.kind == .granted })
    #expect(changes.contains { $0.subject == .group("oncall") && $0.kind == .revoked })
    #expect(!changes.contains { $0.subject == .group("oncall") && $0.kind == .granted })
  }
}
