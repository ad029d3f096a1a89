import Testing
import VigilAudit
import VigilCore
import VigilDetect

@Suite struct DeployerBaselineDetectorTests {
  static func patch(
    id: String, user: String, image: String, at time: String, verb: String = "patch",
    agent: String = "argocd-application-controller/v2.10.4", code: Int = 200
  ) -> String {
    """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"\(id)",\
    "stage":"ResponseComplete","requestURI":"/apis/apps/v1/namespaces/payments/deployments/api",\
    "verb":"\(verb)","user":{"username":"\(user)","groups":["system:authenticated"]},\
    "sourceIPs":["203.0.113.7"],"userAgent":"\(agent)",\
    "objectRef":{"resource":"deployments","namespace":"payments","name":"api","apiGroup":"apps","apiVersion":"v1"},\
    "responseStatus":{"metadata":{},"code":\(code)},\
    "requestObject":{"spec":{"template":{"spec":{"containers":[{"name":"api","image":"\(image)"}]}}}},\
    "requestReceivedTimestamp":"\(time)","stageTimestamp":"\(time)"}
    """
  }

  func events(_ lines: [String]) -> [Event] {
    lines.flatMap { AuditDecoder().decode(text: $0).events }
  }

  @Test func flagsAnImageChangeBySomeoneOtherThanTheUsualDeployer() throws {
    var detector = DeployerBaselineDetector()
    let ci = "system:serviceaccount:ci:deployer"
    var alerts: [Alert] = []
    for event in events([
      Self.patch(id: "1", user: ci, image: "registry.example.com/api:1.0", at: "2026-11-02T08:00:00Z"),
      Self.patch(id: "2", user: ci, image: "registry.example.com/api:1.1", at: "2026-11-02T09:00:00Z"),
      Self.patch(
        id: "3", user: "alice@example.com", image: "docker.io/evil/api:latest",
        at: "2026-11-02T10:00:00Z", agent: "kubectl/v1.30.2 (linux/amd64)"),
      Self.patch(
        id: "4", user: "alice@example.com", image: "docker.io/evil/api:2",
        at: "2026-11-02T10:05:00Z", agent: "kubectl/v1.30.2 (linux/amd64)"),
    ]) {
      alerts += detector.observe(event, at: event.time)
    }
    try #require(alerts.count == 1)
    let alert = alerts[0]
    #expect(alert.rule == DeployerBaselineDetector.ruleName)
    #expect(alert.severity == .warning)
    #expect(alert.subject.user == "alice@example.com")
    #expect(alert.output.contains("docker.io/evil/api:latest"))
    #expect(alert.output.contains("usual deployers: \(ci)"))
    #expect(alert.output.contains("kubectl/v1.30.2"))
    #expect(alert.evidence.first?.auditID == "3")
    #expect(alert.controls.contains(ComplianceControl(framework: .soc2, id: "CC8.1")))
  }

  @Test func readsJSONPatchImageChangesAndIgnoresFailedRequests() {
    var detector = DeployerBaselineDetector()
    let first = Self.patch(id: "1", user: "ci", image: "r/api:1", at: "2026-11-02T08:00:00Z")
    let denied = Self.patch(
      id: "2", user: "mallory", image: "r/api:2", at: "2026-11-02T08:01:00Z", code: 403)
    let jsonPatch = """
      {"kind":"Event","auditID":"3","stage":"ResponseComplete","verb":"patch",\
      "requestURI":"/apis/apps/v1/namespaces/payments/deployments/api",\
      "user":{"username":"bob"},"sourceIPs":["10.0.0.9"],\
      "objectRef":{"resource":"deployments","namespace":"payments","name":"api"},\
      "responseStatus":{"code":200},\
      "requestObject":[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"r/api:evil"}],\
      "stageTimestamp":"2026-11-02T08:02:00Z"}
      """
    var alerts: [Alert] = []
    for event in events([first, denied, jsonPatch]) { alerts += detector.observe(event, at: event.time) }
    #expect(alerts.count == 1)
    #expect(alerts.first?.output.contains("r/api:evil") == true)
    #expect(alerts.first?.subject.user == "bob")
  }

  @Test func usualDeployersAreListedMostFrequentFirstThenByFirstChange() throws {
    var detector = DeployerBaselineDetector()
    var alerts: [Alert] = []
    // b deploys first, then a twice, then c once: a (2), b (1, first), c (1).
    let history = ["b", "a", "a", "c"].enumerated().map { index, user in
      Self.patch(
        id: "h\(index)", user: user, image: "r/api:\(index)", at: "2026-11-02T0\(index):00:00Z")
    }
    let intruder = Self.patch(
      id: "x", user: "mallory", image: "r/api:evil", at: "2026-11-02T09:00:00Z")
    for event in events(history + [intruder]) { alerts += detector.observe(event, at: event.time) }
    // b, a and c each were new when they deployed: b was first (no alert), a and c alerted.
    #expect(alerts.map(\.subject.user) == ["a", "c", "mallory"])
    let last = try #require(alerts.last)
    #expect(last.output.hasSuffix("usual deployers: a, b, c"))
    #expect(last.fields.first { $0.name == "usual.deployers" }?.value == "a,b,c")
  }

  @Test func theFirstDeployerIsLearnedNotFlagged() {
    var detector = DeployerBaselineDetector()
    let event = events([Self.patch(id: "1", user: "ci", image: "r/api:1", at: "2026-11-02T08:00:00Z")])
    #expect(event.flatMap { detector.observe($0, at: $0.time) }.isEmpty)
  }
}
