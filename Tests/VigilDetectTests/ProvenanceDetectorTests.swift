import Testing
import VigilAudit
import VigilCore
import VigilDetect

@Suite struct ProvenanceDetectorTests {
  static let argocd = "system:serviceaccount:argocd:argocd-application-controller"
  static let argocdAgent = "argocd-application-controller/v2.10.4 (linux/amd64)"
  static let kubectlAgent = "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350"
  static let hpa = "system:serviceaccount:kube-system:horizontal-pod-autoscaler"
  static let hpaAgent =
    "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:horizontal-pod-autoscaler"

  /// A Deployment as the API server returns it, with its managedFields: the controller's status
  /// entry, then `manager` as the latest writer.
  static func deployment(name: String, namespace: String, manager: String, at time: String)
    -> String
  {
    """
    {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"\(name)",\
    "namespace":"\(namespace)","uid":"5b1c7a1e-\(name)","resourceVersion":"48746965",\
    "generation":12,"creationTimestamp":"2026-09-14T08:21:07Z",\
    "labels":{"app.kubernetes.io/name":"\(name)"},\
    "managedFields":[\
    {"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1",\
    "time":"2026-11-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{}},\
    "subresource":"status"},\
    {"manager":"\(manager)","operation":"Update","apiVersion":"apps/v1","time":"\(time)",\
    "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]},\
    "spec":{"replicas":3,"selector":{"matchLabels":{"app.kubernetes.io/name":"\(name)"}},\
    "template":{"metadata":{"labels":{"app.kubernetes.io/name":"\(name)"}},\
    "spec":{"containers":[{"name":"\(name)","image":"registry.example.com/\(name):1.4.2"}]}}},\
    "status":{"observedGeneration":11,"replicas":3}}
    """
  }

  /// A write to a Deployment as the API server logs it at the RequestResponse level.
  static func write(
    id: String, verb: String = "patch", namespace: String = "payments", name: String = "api",
    subresource: String? = nil, user: String = argocd, agent: String = argocdAgent,
    manager: String = "argocd-controller", request: String? = nil, query: String? = nil,
    at time: String, code: Int = 200
  ) -> Event {
    let path = "/apis/apps/v1/namespaces/\(namespace)/deployments"
    let uri =
      (verb == "create" ? path : "\(path)/\(name)\(subresource.map { "/\($0)" } ?? "")")
      + (query.map { "?\($0)" } ?? "")
    let nameField = verb == "create" ? "" : #","name":"\#(name)""#
    let subresourceField = subresource.map { #","subresource":"\#($0)""# } ?? ""
    let object = deployment(name: name, namespace: namespace, manager: manager, at: time)
    let scale = """
      {"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"\(name)",\
      "namespace":"\(namespace)"},"spec":{"replicas":6},"status":{"replicas":3}}
      """
    let requestObject =
      request
      ?? (subresource == "scale" ? scale : verb == "patch" ? #"{"spec":{"replicas":4}}"# : object)
    let responseObject = subresource == "scale" ? scale : object
    let text = """
      {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"\(id)",\
      "stage":"ResponseComplete","requestURI":"\(uri)","verb":"\(verb)",\
      "user":{"username":"\(user)","groups":["system:authenticated"]},\
      "sourceIPs":["203.0.113.7"],"userAgent":"\(agent)",\
      "objectRef":{"resource":"deployments","namespace":"\(namespace)"\(nameField),\
      "apiGroup":"apps","apiVersion":"v1"\(subresourceField)},\
      "responseStatus":{"metadata":{},"code":\(code)},\
      "requestObject":\(requestObject),"responseObject":\(responseObject),\
      "requestReceivedTimestamp":"\(time)","stageTimestamp":"\(time)",\
      "annotations":{"authorization.k8s.io/decision":"allow"}}
      """
    let events = AuditDecoder().decode(text: text).events
    #expect(events.count == 1, "fixture \(id) did not decode")
    return events[0]
  }

  /// Three Argo CD syncs of payments/api.
  static func argocdHistory(name: String = "api", namespace: String = "payments") -> [Event] {
    (1...3).map {
      write(
        id: "\(namespace)-\(name)-sync-\($0)", namespace: namespace, name: name,
        at: "2026-11-02T0\($0):00:00Z")
    }
  }

  static func run(_ events: [Event], _ detector: inout ProvenanceDetector) -> [Alert] {
    events.flatMap { detector.observe($0, at: $0.time) }
  }

  @Test func flagsAPatchByAPersonAfterAnArgoCDHistory() throws {
    var detector = ProvenanceDetector()
    let patch = Self.write(
      id: "alice-1", user: "alice@example.com", agent: Self.kubectlAgent,
      manager: "kubectl-patch", at: "2026-11-02T10:00:00Z")
    let again = Self.write(
      id: "alice-2", user: "alice@example.com", agent: Self.kubectlAgent,
      manager: "kubectl-patch", at: "2026-11-02T10:05:00Z")
    let alerts = Self.run(Self.argocdHistory() + [patch, again], &detector)
    try #require(alerts.count == 1)
    let alert = alerts[0]
    #expect(alert.rule == ProvenanceDetector.outOfBandRule)
    #expect(alert.severity == .warning)
    #expect(
      alert.output == "Deployment payments/api patched by alice@example.com (kubectl, manager "
        + "kubectl-patch) from 203.0.113.7 — usually changed by \(Self.argocd) (argocd, manager "
        + "argocd-controller)")
    #expect(alert.subject.user == "alice@example.com")
    #expect(alert.evidence.map(\.auditID) == ["alice-1"])
    #expect(alert.fields.first { $0.name == "usual.families" }?.value == "argocd")
    #expect(alert.controls.contains(ComplianceControl(framework: .soc2, id: "CC8.1")))
    #expect(alert.tags.contains("mitre:T1610"))
    #expect(!alert.dedupKey.isEmpty)
  }

  @Test func anotherServiceAccountIsANoticeAndMachineryIsNeverFlagged() {
    var detector = ProvenanceDetector()
    let ci = Self.write(
      id: "ci", user: "system:serviceaccount:ci:deployer", agent: "helm/3.14.2 (linux/amd64)",
      manager: "helm", at: "2026-11-02T10:00:00Z")
    let controller = Self.write(
      id: "kcm", user: "system:serviceaccount:kube-system:deployment-controller",
      agent: "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350",
      manager: "kube-controller-manager", at: "2026-11-02T10:01:00Z")
    let node = Self.write(
      id: "node", user: "system:node:node-1", agent: "kubelet/v1.30.2",
      manager: "kubelet", at: "2026-11-02T10:02:00Z")
    let alerts = Self.run(Self.argocdHistory() + [ci, controller, node], &detector)
    #expect(alerts.map(\.severity) == [.notice])
    #expect(alerts.first?.output.contains("by system:serviceaccount:ci:deployer (helm") == true)
  }

  @Test func aScaleByTheHPAIsLearnedNotFlaggedButAPersonScalingIs() throws {
    var detector = ProvenanceDetector()
    let hpa = Self.write(
      id: "hpa", verb: "update", subresource: "scale", user: Self.hpa, agent: Self.hpaAgent,
      at: "2026-11-02T10:00:00Z")
    let bob = Self.write(
      id: "bob", verb: "patch", subresource: "scale", user: "bob@example.com",
      agent: Self.kubectlAgent, at: "2026-11-02T11:00:00Z")
    let alerts = Self.run(Self.argocdHistory() + [hpa, bob], &detector)
    try #require(alerts.count == 1)
    #expect(alerts[0].evidence.first?.auditID == "bob")
    #expect(alerts[0].output.hasPrefix("Deployment payments/api scaled by bob@example.com"))
    // Argo CD (three writes) before the HPA (one), both named.
    #expect(
      alerts[0].fields.first { $0.name == "usual.deployers" }?.value
        == "\(Self.argocd),\(Self.hpa)")
  }

  @Test func theMachinerysWritesAreNoDeployHistory() {
    var detector = ProvenanceDetector()
    let scales = (1...5).map {
      Self.write(
        id: "hpa\($0)", verb: "update", subresource: "scale", user: Self.hpa,
        agent: Self.hpaAgent, at: "2026-11-02T0\($0):00:00Z")
    }
    // Argo CD's first sync after five HPA scales is not out of band: no deploy history yet.
    let sync = Self.write(id: "sync", at: "2026-11-02T09:00:00Z")
    #expect(Self.run(scales + [sync], &detector).isEmpty)
  }

  @Test func theFieldManagerQueryParameterNamesTheManager() throws {
    var detector = ProvenanceDetector()
    // The response's managedFields still name Argo CD last; the request says kubectl-edit.
    let patch = Self.write(
      id: "alice", user: "alice@example.com", agent: Self.kubectlAgent,
      manager: "argocd-controller", query: "fieldManager=kubectl-edit&fieldValidation=Strict",
      at: "2026-11-02T10:00:00Z")
    let alert = try #require(Self.run(Self.argocdHistory() + [patch], &detector).first)
    #expect(alert.fields.first { $0.name == "client.manager" }?.value == "kubectl-edit")
    #expect(alert.output.contains("alice@example.com (kubectl, manager kubectl-edit)"))
  }

  @Test func imageChangesAreLeftToTheDeployerBaseline() {
    var provenance = ProvenanceDetector()
    var baseline = DeployerBaselineDetector()
    let image =
      #"{"spec":{"template":{"spec":{"containers":[{"name":"api","image":"evil/api:1"}]}}}}"#
    let patch = Self.write(
      id: "alice", user: "alice@example.com", agent: Self.kubectlAgent, manager: "kubectl-set",
      request: image, at: "2026-11-02T10:00:00Z")
    let events = Self.argocdHistory() + [patch]
    #expect(Self.run(events, &provenance).isEmpty)
    #expect(
      events.flatMap { baseline.observe($0, at: $0.time) }.map(\.rule) == [
        DeployerBaselineDetector.ruleName
      ])
  }

  @Test func flagsAWorkloadCreatedByHandInAnArgoCDFedNamespace() throws {
    var detector = ProvenanceDetector()
    let history = [
      Self.write(id: "s1", name: "api", at: "2026-11-02T01:00:00Z"),
      Self.write(id: "s2", name: "worker", at: "2026-11-02T02:00:00Z"),
    ]
    let byHand = Self.write(
      id: "alice", verb: "create", name: "debug", user: "alice@example.com",
      agent: Self.kubectlAgent, manager: "kubectl-create", at: "2026-11-02T10:00:00Z")
    let alerts = Self.run(history + [byHand], &detector)
    try #require(alerts.count == 1)
    #expect(alerts[0].rule == ProvenanceDetector.byHandRule)
    #expect(alerts[0].severity == .warning)
    #expect(alerts[0].subject.name == "debug")
    #expect(alerts[0].output.hasPrefix("Deployment payments/debug created by alice@example.com"))
    #expect(
      alerts[0].output.hasSuffix(
        "usually written by \(Self.argocd) (argocd, manager argocd-controller)"))
  }

  @Test func aCreateByHandIsFineWhereNoPipelineFeeds() {
    var detector = ProvenanceDetector()
    let events = [
      // One pipeline workload only: not yet CD-managed.
      Self.write(id: "s1", name: "api", at: "2026-11-02T01:00:00Z"),
      Self.write(
        id: "a1", verb: "create", name: "debug", user: "alice@example.com",
        agent: Self.kubectlAgent, manager: "kubectl-create", at: "2026-11-02T02:00:00Z"),
      // A namespace people feed by hand.
      Self.write(
        id: "b1", namespace: "sandbox", name: "x", user: "bob@example.com",
        agent: Self.kubectlAgent, at: "2026-11-02T03:00:00Z"),
      Self.write(
        id: "b2", verb: "create", namespace: "sandbox", name: "y", user: "bob@example.com",
        agent: Self.kubectlAgent, at: "2026-11-02T04:00:00Z"),
      // A service account creating in a fed namespace is the pipeline, not a person.
      Self.write(id: "s2", name: "worker", at: "2026-11-02T05:00:00Z"),
      Self.write(
        id: "ci", verb: "create", name: "job", user: "system:serviceaccount:ci:deployer",
        agent: "helm/3.14.2", manager: "helm", at: "2026-11-02T06:00:00Z"),
    ]
    #expect(Self.run(events, &detector).isEmpty)
  }

  @Test func nothingIsFlaggedBeforeTheMinimumHistory() {
    let history = Array(Self.argocdHistory().prefix(2))
    let patch = Self.write(
      id: "alice", user: "alice@example.com", agent: Self.kubectlAgent, at: "2026-11-02T10:00:00Z")
    var detector = ProvenanceDetector()
    #expect(Self.run(history + [patch], &detector).isEmpty)
    // The minimum is a setting: at two writes the same history is enough.
    var configuration = ProvenanceDetector.Configuration()
    configuration.minimumWorkloadWrites = 2
    var eager = ProvenanceDetector(configuration: configuration)
    #expect(Self.run(history + [patch], &eager).map(\.rule) == [ProvenanceDetector.outOfBandRule])
  }

  @Test func failedWritesAreNeitherLearnedNorFlagged() {
    var detector = ProvenanceDetector()
    let denied = (1...3).map {
      Self.write(id: "d\($0)", at: "2026-11-02T0\($0):00:00Z", code: 403)
    }
    let patch = Self.write(
      id: "alice", user: "alice@example.com", agent: Self.kubectlAgent, at: "2026-11-02T10:00:00Z")
    #expect(Self.run(denied + [patch], &detector).isEmpty)
    #expect(detector.workloadCount == 1)
  }

  @Test func memoryIsBoundedAndTheLeastRecentlyChangedIsForgotten() {
    var configuration = ProvenanceDetector.Configuration()
    configuration.maxWorkloads = 10
    configuration.maxNamespaces = 5
    var detector = ProvenanceDetector(configuration: configuration)
    var alerts = Self.run(Self.argocdHistory(), &detector)
    for index in 0..<100 {
      let event = Self.write(
        id: "w\(index)", namespace: "ns\(index % 50)", name: "w\(index)",
        at: "2026-11-02T05:\(format2(index / 60)):\(format2(index % 60))Z")
      alerts += detector.observe(event, at: event.time)
      #expect(detector.workloadCount <= 10)
      #expect(detector.namespaceCount <= 5)
    }
    // payments/api's history went with the eviction: alice's patch is a first write again.
    let patch = Self.write(
      id: "alice", user: "alice@example.com", agent: Self.kubectlAgent, at: "2026-11-02T10:00:00Z")
    alerts += detector.observe(patch, at: patch.time)
    #expect(alerts.isEmpty)
  }
}

/// Two decimal digits, zero-padded.
private func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
