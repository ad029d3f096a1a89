import Testing
import VigilCore

@testable import VigilRules

/// Vigil's `user.*` fields.
@Suite struct UserFieldsTests {
  typealias F = FieldFixtures

  @Test func kinds() throws {
    #expect(try F.value("user.kind", try F.event(FieldSamples.pod)) == .string("human"))
    #expect(try F.value("user.kind", try F.event(FieldSamples.exec)) == .string("serviceaccount"))
    #expect(try F.value("user.kind", try F.event(FieldSamples.metadataOnly)) == .string("node"))
    #expect(try F.value("user.kind", try F.event(FieldSamples.configMap)) == .string("anonymous"))
    #expect(try F.value("user.kind", try F.event(FieldSamples.aksDelete)) == .string("system"))
    #expect(try F.value("user.kind", try F.event(FieldSamples.gkeExec)) == .string("human"))
  }

  @Test func serviceAccountAndImpersonation() throws {
    let exec = try F.event(FieldSamples.exec)
    #expect(try F.value("user.name", exec) == .string("system:serviceaccount:ci:deployer"))
    #expect(try F.value("user.sa.namespace", exec) == .string("ci"))
    #expect(try F.value("user.sa.name", exec) == .string("deployer"))
    #expect(try F.value("user.groups", exec, .index(1)) == .string("system:serviceaccounts:ci"))
    #expect(try F.value("user.impersonated", exec) == .bool(true))
    #expect(try F.value("user.impersonated.name", exec) == .string("admin@example.com"))
    #expect(try F.value("user.effective.name", exec) == .string("admin@example.com"))
    #expect(try F.value("user.effective.kind", exec) == .string("human"))
    let pod = try F.event(FieldSamples.pod)
    #expect(try F.value("user.sa.namespace", pod) == .missing)
    #expect(try F.value("user.impersonated", pod) == .bool(false))
    #expect(try F.value("user.impersonated.name", pod) == .missing)
    #expect(try F.value("user.effective.name", pod) == .string("alice@example.com"))
    #expect(try F.value("user.groups", try F.event(FieldSamples.cronJob)) == .missing)
  }
}
