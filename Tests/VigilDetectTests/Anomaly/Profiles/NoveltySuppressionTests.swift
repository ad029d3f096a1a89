import Testing
import VigilCore

@testable import VigilDetect

@Suite("NoveltySuppression")
struct SuppressionTests {
  @Test(
    "globs match runs and single characters",
    arguments: [
      ("*", "anything", true), ("10.0.*", "10.0.3.4:443/tcp", true), ("10.0.*", "10.1.0.1", false),
      ("db-?:5432/tcp", "db-1:5432/tcp", true), ("db-?:5432/tcp", "db-12:5432/tcp", false),
      ("*.example.com", "api.example.com", true), ("*.example.com", "example.org", false),
      ("a*b*c", "axxbyyc", true), ("a*b*c", "axxbyy", false), ("", "", true), ("", "x", false),
    ])
  func glob(pattern: String, text: String, expected: Bool) {
    #expect(NoveltySuppression.glob(pattern, matches: text) == expected)
  }

  @Test("scope, category, value and expiry all have to match")
  func matching() {
    let entity = EntityKey.workload(namespace: "payments", kind: "Deployment", name: "api")
    let time = ProfileFixtures.at(hours: 1)
    let finding = NoveltyFinding(
      entity: entity, category: .peer, value: "db:5432/tcp", time: time, score: 3,
      newValueProbability: 0.001, threshold: 2.5, sensitivity: 1, state: .stable,
      learningSince: ProfileFixtures.origin, observations: 100, distinctValues: 2, singletons: 0,
      firstOfCategory: false, knownValues: [])
    let later = ProfileFixtures.at(hours: 2)
    #expect(NoveltySuppression(scope: .entity("payments/*/api"), until: later).matches(finding))
    #expect(
      NoveltySuppression(scope: .entity("workload:payments/*"), until: later).matches(finding))
    #expect(!NoveltySuppression(scope: .entity("shop/*"), until: later).matches(finding))
    #expect(
      NoveltySuppression(scope: .namespace("payments"), category: .peer, until: later).matches(
        finding))
    #expect(
      !NoveltySuppression(scope: .namespace("payments"), category: .domain, until: later).matches(
        finding))
    #expect(
      !NoveltySuppression(scope: .namespace("payments"), value: "cache*", until: later).matches(
        finding))
    #expect(!NoveltySuppression(scope: .namespace("payments"), until: time).matches(finding))
  }
}
