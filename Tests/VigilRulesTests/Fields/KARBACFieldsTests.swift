import Testing
import VigilCore

@testable import VigilRules

/// `ka.req.binding.*` and `ka.req.role.*`.
@Suite struct KARBACFieldsTests {
  typealias F = FieldFixtures

  @Test func bindingSubjectsAndRole() throws {
    let event = try F.event(FieldSamples.clusterRoleBinding)
    #expect(
      try F.value("ka.req.binding.subjects", event)
        == F.strings(
          #"{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"alice"}"#,
          #"{"kind":"ServiceAccount","name":"default","namespace":"kube-system"}"#,
          #"{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"devs"}"#))
    #expect(try F.value("ka.req.binding.role", event) == .string("cluster-admin"))
    #expect(try F.value("ka.req.binding.subjects.user_names", event) == F.strings("alice"))
    #expect(
      try F.value("ka.req.binding.subjects.serviceaccount_names", event) == F.strings("default"))
    #expect(
      try F.value("ka.req.binding.subjects.serviceaccount_ns_names", event)
        == F.strings("kube-system:default"))
    #expect(try F.value("ka.req.binding.subjects.group_names", event) == F.strings("devs"))
    #expect(
      try F.value("ka.req.binding.subject.has_name", event, .key("cluster-admin"))
        == .string("true"))
  }

  @Test func roleRules() throws {
    let event = try F.event(FieldSamples.clusterRole)
    guard case .list(let rules) = try F.value("ka.req.role.rules", event) else {
      Issue.record("rules is not a list")
      return
    }
    #expect(rules.count == 3)
    #expect(
      rules.first
        == .string(#"{"apiGroups":[""],"resources":["pods","pods/exec"],"verbs":["get","create"]}"#)
    )
    #expect(
      try F.value("ka.req.role.rules.verbs", event)
        == F.strings("get", "create", "get", "escalate", "bind"))
    #expect(
      try F.value("ka.req.role.rules.resources", event)
        == F.strings("pods", "pods/exec", "clusterroles"))
    #expect(
      try F.value("ka.req.role.rules.apiGroups", event)
        == F.strings("", "rbac.authorization.k8s.io"))
    #expect(try F.value("ka.req.role.rules.nonResourceURLs", event) == F.strings("/metrics"))
    let binding = try F.event(FieldSamples.clusterRoleBinding)
    #expect(try F.value("ka.req.role.rules.verbs", binding) == .missing)
    #expect(try F.value("ka.req.binding.role", event) == .missing)
    #expect(try F.value("ka.req.binding.subjects.user_names", event) == .missing)
  }
}
