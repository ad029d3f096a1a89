import Testing
import VigilJSON

@testable import VigilKube

@Suite struct RBACModelTests {
  @Test func clusterAdminGrantsWildcardsToSystemMasters() throws {
    let model = try RBACFixtures.baseline()
    let grants = model.effectivePermissions()[.group("system:masters")] ?? []
    let permissions = Set(grants.map(\.permission))
    #expect(
      permissions.contains(
        RBACPermission(
          verb: "*", target: .resource(group: "*", resource: "*", name: nil), scope: .cluster)))
    #expect(
      permissions.contains(RBACPermission(verb: "*", target: .nonResourceURL("*"), scope: .cluster))
    )
    #expect(
      grants.allSatisfy {
        $0.path.description == "ClusterRoleBinding cluster-admin → ClusterRole cluster-admin"
      })
  }

  @Test func roleBindingScopesRoleToItsNamespace() throws {
    let model = try RBACFixtures.baseline()
    let alice = model.permissions(for: .user("alice@example.com"))
    #expect(Set(alice.map(\.permission.verb)) == ["get", "list", "watch"])
    #expect(alice.allSatisfy { $0.permission.scope == .namespace("prod") })
    #expect(
      alice.contains {
        $0.permission.target == .resource(group: "", resource: "configmaps", name: "app-config")
      })
    #expect(
      alice.first?.path.role == ObjectKey(kind: "Role", namespace: "prod", name: "secret-reader"))
    let backup = model.permissions(for: .serviceAccount("prod", "backup"))
    #expect(backup.map(\.permission) == alice.map(\.permission))
  }

  @Test func clusterRoleBoundIntoNamespaceUsesAggregatedRules() throws {
    let model = try RBACFixtures.baseline()
    let builder = model.permissions(for: .serviceAccount("ci", "builder"))
    #expect(builder.allSatisfy { $0.permission.scope == .namespace("prod") })
    let exec = builder.first {
      $0.permission.verb == "create"
        && $0.permission.target == .resource(group: "", resource: "pods/exec", name: nil)
    }
    #expect(
      exec?.path.aggregatedFrom == ObjectKey(kind: "ClusterRole", name: "system:aggregate-to-edit"))
    // view's rules reach edit through view's aggregate-to-edit label, from their origin role.
    let listPods = builder.first {
      $0.permission.verb == "list"
        && $0.permission.target == .resource(group: "", resource: "pods", name: nil)
    }
    #expect(
      listPods?.path.aggregatedFrom
        == ObjectKey(kind: "ClusterRole", name: "system:aggregate-to-view"))
    #expect(
      listPods?.path.description
        == "RoleBinding prod/ci-deployer → ClusterRole edit ← ClusterRole system:aggregate-to-view")
  }

  @Test func serviceAccountUserNameIsTheServiceAccount() throws {
    let subject = RBACSubject(kind: .user, name: "system:serviceaccount:ci:builder")
    #expect(subject == .serviceAccount("ci", "builder"))
    #expect(subject.userName == "system:serviceaccount:ci:builder")
    #expect(RBACSubject.serviceAccount(userName: "system:serviceaccount:ci") == nil)
    #expect(subject.impliedGroups.contains(.group("system:serviceaccounts:ci")))
  }

  @Test func serviceAccountInheritsItsGroupsGrants() throws {
    var model = try RBACFixtures.baseline()
    try model.apply(
      json: """
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"ci-sa-view"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
         "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"system:serviceaccounts:ci"}]}
        """)
    let direct = model.permissions(for: .serviceAccount("ci", "builder"), includingGroups: false)
    let all = model.permissions(for: .serviceAccount("ci", "builder"))
    let viaGroup = all.filter { $0.path.viaGroup == .group("system:serviceaccounts:ci") }
    #expect(!viaGroup.isEmpty)
    #expect(viaGroup.allSatisfy { $0.permission.scope == .cluster })
    #expect(all.count == direct.count + viaGroup.count)
    let audit = model.permissions(
      forUser: "system:serviceaccount:ci:builder", groups: ["system:serviceaccounts:ci"])
    #expect(
      audit
        == all.filter {
          $0.path.viaGroup == nil || $0.path.viaGroup == .group("system:serviceaccounts:ci")
        })
  }

  @Test func deletingBindingOrRoleRemovesGrants() throws {
    var model = try RBACFixtures.baseline()
    let key = ObjectKey(kind: "RoleBinding", namespace: "prod", name: "read-secrets")
    let changes = model.delete(key)
    #expect(model.permissions(for: .user("alice@example.com")).isEmpty)
    #expect(
      Set(changes.map(\.subject)) == [
        .user("alice@example.com"), .serviceAccount("prod", "backup"),
      ])
    #expect(changes.allSatisfy { $0.kind == .revoked })
    #expect(model.delete(key).isEmpty)

    model.delete(ObjectKey(kind: "ClusterRole", name: "cluster-admin"))
    #expect(model.permissions(for: .group("system:masters")).isEmpty)
    #expect(model.bindings[ObjectKey(kind: "ClusterRoleBinding", name: "cluster-admin")] != nil)
  }

  @Test func bindingBeforeItsRoleGrantsOnceTheRoleArrives() throws {
    var model = RBACModel()
    try model.apply(try RBACFixtures.parse(RBACFixtures.readSecretsBinding))
    #expect(model.permissions(for: .user("alice@example.com")).isEmpty)
    let changes = try model.apply(try RBACFixtures.parse(RBACFixtures.secretReaderRole))
    #expect(changes.contains { $0.subject == .user("alice@example.com") && $0.kind == .granted })
  }

  @Test(arguments: [
    (#"{"kind":"Pod","metadata":{"name":"x"}}"#, RBACDecodeError.Code.unsupportedKind),
    (#"{"kind":"Role","metadata":{"name":"x"},"rules":[]}"#, .missingNamespace),
    (#"{"kind":"ClusterRole","metadata":{},"rules":[]}"#, .missingName),
    (
      #"{"kind":"ClusterRoleBinding","metadata":{"name":"b"},"roleRef":{"kind":"Role","name":"r"}}"#,
      .invalidRoleRefKind
    ),
    (
      #"{"kind":"ClusterRoleBinding","metadata":{"name":"b"},"roleRef":{"kind":"ClusterRole"}}"#,
      .missingRoleRef
    ),
    (
      #"{"kind":"RoleBinding","metadata":{"name":"b","namespace":"n"},"roleRef":{"kind":"Role","name":"r"},"subjects":[{"kind":"Robot","name":"x"}]}"#,
      .invalidSubject
    ),
    (#"[1,2]"#, .notAnObject),
    (#"{"kind":"#, .notJSON),
  ])
  func invalidObjectsAreReported(text: String, code: RBACDecodeError.Code) {
    var model = RBACModel()
    #expect(throws: RBACDecodeError.self) { try model.apply(json: text) }
    do {
      try model.apply(json: text)
    } catch {
      #expect(error.code == code)
      #expect(!error.description.isEmpty)
    }
    #expect(model.bindings.isEmpty && model.roles.isEmpty)
  }

  @Test func importReportsBadItemsAndKeepsTheRest() throws {
    var model = RBACModel()
    let list = try RBACFixtures.parse(
      """
      {"kind":"RoleBindingList","items":[
        {"metadata":{"name":"ok","namespace":"dev"},"roleRef":{"kind":"ClusterRole","name":"view"},
         "subjects":[{"kind":"User","name":"bob"}]},
        {"metadata":{"name":"bad","namespace":"dev"},"roleRef":{"kind":"Nope","name":"view"}}]}
      """)
    let result = model.import(list)
    #expect(result.errors.map(\.code) == [.invalidRoleRefKind])
    #expect(model.bindings.keys.map(\.name) == ["ok"])
    #expect(model.subjects == [.user("bob")])
  }
}
