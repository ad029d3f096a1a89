import VigilCore
import VigilJSON

/// Learns who usually deploys each workload and flags an image change made by anyone else: the
/// out-of-band deploy (`kubectl set image` by a person where a CI/CD service account normally
/// rolls out). Pure state machine; memory bounded by `maxWorkloads`.
public struct DeployerBaselineDetector: Detector, Sendable {
  /// Detector settings.
  public struct Configuration: Sendable {
    /// Resources whose pod templates carry images.
    public var resources: Set<String> = [
      "deployments", "statefulsets", "daemonsets", "replicasets", "cronjobs", "jobs", "pods",
    ]
    /// Most workloads remembered; beyond it the least recently changed is forgotten.
    public var maxWorkloads = 100_000
    /// Creates the defaults.
    public init() {}
  }

  /// The rule name alerts carry.
  public static let ruleName = "Image Changed by Unusual Identity"
  /// Tags (ATT&CK and compliance controls) alerts carry.
  public static let tags = [
    "k8s", "vigil", "deploy", "mitre:T1610", "mitre:T1525", "soc2:CC8.1", "nist:CM-3",
    "nist:CM-5", "cis:5.7.4", "pci:6.5.1", "iso27001:A.8.32",
  ]

  private struct Workload: Sendable {
    var deployers: [String: Int] = [:]
    var lastChange: Timestamp
  }

  /// The settings in force.
  public let configuration: Configuration
  private var workloads: [String: Workload] = [:]

  /// Creates the detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
  }

  public mutating func observe(_ event: Event, at now: Timestamp) -> [Alert] {
    guard let audit = event.audit, let ref = audit.objectRef, let resource = ref.resource,
      configuration.resources.contains(resource), ref.subresource == nil,
      audit.stage == nil || audit.stage == "ResponseComplete",
      ["create", "update", "patch"].contains(audit.verb),
      (audit.responseCode ?? 200) < 400, let name = ref.name ?? createdName(audit)
    else { return [] }
    let actor = audit.impersonatedUser?.username ?? audit.user.username
    let key = "\(resource)/\(ref.namespace ?? "")/\(name)"
    var workload = workloads[key] ?? Workload(lastChange: event.time)
    defer {
      workload.deployers[actor, default: 0] += 1
      workload.lastChange = event.time
      workloads[key] = workload
      evictIfNeeded()
    }
    guard audit.verb != "create", !workload.deployers.isEmpty,
      workload.deployers[actor] == nil
    else { return [] }
    let images = ImageReferences.find(in: audit.document.root["requestObject"])
    guard !images.isEmpty else { return [] }
    let usual = workload.deployers.sorted { $0.value > $1.value }.map(\.key)
    let target = "\(resource) \(ref.namespace.map { "\($0)/" } ?? "")\(name)"
    var output = "Image of \(target) changed to \(images.joined(separator: ", ")) by \(actor)"
    if let agent = audit.userAgent { output += " (\(agent))" }
    if let ip = audit.sourceIPs.first { output += " from \(ip)" }
    output += "; usual deployers: \(usual.prefix(3).joined(separator: ", "))"
    let fields = [
      AlertField(name: "ka.user.name", value: actor),
      AlertField(name: "ka.target.resource", value: resource),
      AlertField(name: "ka.target.namespace", value: ref.namespace),
      AlertField(name: "ka.target.name", value: name),
      AlertField(name: "images", value: images.joined(separator: ",")),
      AlertField(name: "usual.deployers", value: usual.joined(separator: ",")),
    ]
    return [
      Alert(
        rule: Self.ruleName, severity: .warning, time: event.time, output: output,
        source: event.source, tags: Self.tags, fields: fields,
        subject: AlertSubject(audit: audit), evidence: [Evidence(event: event)],
        dedupKey: DedupKey.make([Self.ruleName, key, actor, images.joined(separator: ",")]))
    ]
  }

  private func createdName(_ audit: AuditEvent) -> String? {
    audit.document.root["responseObject"]?["metadata"]?["name"]?.string
      ?? audit.document.root["requestObject"]?["metadata"]?["name"]?.string
  }

  private mutating func evictIfNeeded() {
    guard workloads.count > configuration.maxWorkloads else { return }
    let keep = configuration.maxWorkloads * 9 / 10
    let sorted = workloads.sorted { $0.value.lastChange > $1.value.lastChange }
    workloads = Dictionary(uniqueKeysWithValues: sorted.prefix(keep).map { ($0.key, $0.value) })
  }
}
