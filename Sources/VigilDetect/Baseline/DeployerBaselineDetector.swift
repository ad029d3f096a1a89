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
    /// Who changed it and how often, in order of first change. Nearly every workload has one or
    /// two deployers, so a short array searched in order beats a dictionary per workload.
    var deployers: [Deployer] = []
    var lastChange: Timestamp
  }

  private struct Deployer: Sendable {
    var name: String
    var count: Int
  }

  /// The settings in force.
  public let configuration: Configuration
  /// Keyed by the seeded hash of resource, namespace and name: no key string per event.
  private var workloads: [Int: Workload] = [:]

  /// Creates the detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
  }

  public mutating func observe(_ event: Event, at now: Timestamp) -> [Alert] {
    // The cheapest tests first: most events are reads.
    guard let audit = event.audit else { return [] }
    let verb = audit.verb
    guard verb == "create" || verb == "update" || verb == "patch",
      let ref = audit.objectRef, ref.subresource == nil, let resource = ref.resource,
      audit.stage == nil || audit.stage == "ResponseComplete",
      (audit.responseCode ?? 200) < 400, configuration.resources.contains(resource),
      let name = ref.name ?? createdName(audit)
    else { return [] }
    let actor = audit.impersonatedUser?.username ?? audit.user.username
    var hasher = Hasher()
    hasher.combine(resource)
    hasher.combine(ref.namespace ?? "")
    hasher.combine(name)
    // One lookup, and the workload changed in place (a copy would copy its deployers too).
    let usual = Self.record(
      actor, at: event.time, unusualCheck: verb != "create",
      in: &workloads[hasher.finalize(), default: Workload(lastChange: event.time)])
    evictIfNeeded()
    guard let usual else { return [] }
    let images = ImageReferences.find(in: audit.document.root["requestObject"])
    guard !images.isEmpty else { return [] }
    let key = "\(resource)/\(ref.namespace ?? "")/\(name)"
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

  /// Counts `actor` as a deployer of `workload`; when `unusualCheck` is set and the workload
  /// had deployers but never this one, returns them, most frequent first (else nil).
  private static func record(
    _ actor: String, at time: Timestamp, unusualCheck: Bool, in workload: inout Workload
  ) -> [String]? {
    workload.lastChange = time
    if let known = workload.deployers.firstIndex(where: { $0.name == actor }) {
      workload.deployers[known].count += 1
      return nil
    }
    var usual: [String]?
    if unusualCheck, !workload.deployers.isEmpty {
      // Most frequent first; ties in order of first change.
      usual = workload.deployers.enumerated().sorted {
        $0.element.count != $1.element.count
          ? $0.element.count > $1.element.count : $0.offset < $1.offset
      }.map(\.element.name)
    }
    workload.deployers.append(Deployer(name: actor, count: 1))
    return usual
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
