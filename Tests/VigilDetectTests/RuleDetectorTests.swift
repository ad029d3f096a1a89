import Testing
import VigilAudit
import VigilCore
import VigilDetect
import VigilRules

@Suite struct RuleDetectorTests {
  static let rules = """
    - rule: Forbidden Burst
      desc: many 403s from one user
      condition: ka.response.code = 403
      output: "403 burst (user=%ka.user.name)"
      priority: WARNING
      source: k8s_audit
      tags: [k8s, mitre:T1078, soc2:CC7.2]
      burst: {count: 20, window: 60s, by: [ka.user.name]}
    - rule: Any Delete
      desc: deletes
      condition: ka.verb = delete
      output: "delete by %ka.user.name of %ka.target.name"
      priority: NOTICE
      source: k8s_audit
    """

  static func event(id: Int, user: String, second: Int, code: Int = 403, verb: String = "list")
    -> Event?
  {
    let time = Timestamp(nanoseconds: 1_700_000_000_000_000_000 + Int64(second) * 1_000_000_000)
    let text = """
      {"kind":"Event","auditID":"e-\(id)","stage":"ResponseComplete","verb":"\(verb)",\
      "requestURI":"/api/v1/secrets","user":{"username":"\(user)"},"sourceIPs":["203.0.113.45"],\
      "objectRef":{"resource":"secrets","name":"s\(id)"},"responseStatus":{"code":\(code)},\
      "stageTimestamp":"\(time.description)"}
      """
    return AuditDecoder().decode(text: text).events.first
  }

  @Test func aBurstIsReportedOnceWithItsCountAfterAggregation() throws {
    var detector = RuleDetector(rules: try RuleSet.load(yaml: Self.rules))
    var aggregator = AlertAggregator()
    var raised = 0
    for i in 0..<30 {
      let event = try #require(Self.event(id: i, user: "system:serviceaccount:shop:frontend", second: i))
      for alert in detector.observe(event, at: event.time) {
        raised += 1
        aggregator.add(alert)
      }
    }
    for i in 0..<5 {
      let event = try #require(Self.event(id: 100 + i, user: "grafana", second: i * 20))
      for alert in detector.observe(event, at: event.time) { aggregator.add(alert) }
    }
    #expect(raised == 11)  // the 20th event starts the burst; 10 more continue it
    let alerts = aggregator.finish()
    try #require(alerts.count == 1)
    #expect(alerts[0].rule == "Forbidden Burst")
    #expect(alerts[0].count == 30)
    #expect(alerts[0].output.contains("burst: 20 matching events within 1m"))
    #expect(alerts[0].subject.user == "system:serviceaccount:shop:frontend")
    #expect(alerts[0].controls.map(\.description) == ["mitre-attack:T1078", "soc2:CC7.2"])
  }

  @Test func ordinaryRulesRaiseOneAlertPerMatchWithFieldsAndEvidence() throws {
    var detector = RuleDetector(rules: try RuleSet.load(yaml: Self.rules))
    let event = try #require(Self.event(id: 7, user: "bob", second: 0, code: 200, verb: "delete"))
    let alerts = detector.observe(event, at: event.time)
    try #require(alerts.count == 1)
    #expect(alerts[0].output == "delete by bob of s7")
    #expect(alerts[0].fields.map(\.name) == ["ka.user.name", "ka.target.name"])
    #expect(alerts[0].evidence.first?.auditID == "e-7")
    #expect(alerts[0].severity == .notice)
  }
}
