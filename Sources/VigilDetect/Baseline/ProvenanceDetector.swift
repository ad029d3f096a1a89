import VigilCore
import VigilJSON

/// Deploy provenance: learns who normally creates and changes each workload (identity, client
/// family, field manager) and whether each namespace is normally fed by CD, then flags
/// - `Out-of-Band Workload Change`: a create, update, patch or scale of a workload by an identity
///   that never wrote it, once it has a history (notice; warning when the actor is a person);
/// - `Workload Created by Hand in CD-Managed Namespace`: a person creating a workload where a
///   pipeline (a service account, Argo CD, Flux, …) makes most writes (warning).
///
/// Image changes stay with `DeployerBaselineDetector`: a change that sets images is not raised
/// here again. Cluster machinery (kube-system service accounts, nodes, controllers, the HPA) is
/// learned but never alerted on, and its writes to controller-owned objects (pods, replica sets,
/// jobs) are not learned at all: one entry per pod would fill the memory bound with churn.
/// Pure state machine; memory bounded by `maxWorkloads` and `maxNamespaces`.
public struct ProvenanceDetector: Detector, Sendable {
  /// Detector settings.
  public struct Configuration: Sendable {
    /// Workload resources whose writers are learned.
    public var resources: Set<String> = [
      "deployments", "statefulsets", "daemonsets", "replicasets", "cronjobs", "jobs", "pods",
      "rollouts",
    ]
    /// Resources normally created by controllers for a parent workload: system writes to them
    /// are skipped (the parent's history is what matters).
    public var ownedResources: Set<String> = ["pods", "replicasets", "jobs"]
    /// Writes a workload needs before a new identity writing it is out of band.
    public var minimumWorkloadWrites = 3
    /// Distinct workloads a pipeline must have written before its namespace is CD-managed.
    public var minimumNamespaceWorkloads = 2
    /// Most workloads remembered; beyond it the least recently changed are forgotten.
    public var maxWorkloads = 100_000
    /// Most namespaces remembered; beyond it the least recently written are forgotten.
    public var maxNamespaces = 10_000
    /// Most identities remembered per workload and per namespace pipeline.
    public var maxIdentities = 8
    /// Creates the defaults.
    public init() {}
  }

  /// The rule name of out-of-band change alerts.
  public static let outOfBandRule = "Out-of-Band Workload Change"
  /// The rule name of by-hand creation alerts.
  public static let byHandRule = "Workload Created by Hand in CD-Managed Namespace"
  /// Tags (ATT&CK and compliance controls) alerts carry.
  public static let tags = [
    "k8s", "vigil", "deploy", "provenance", "mitre:T1610", "soc2:CC8.1", "nist:CM-3",
    "nist:CM-5", "cis:5.7.4", "pci:6.5.1", "iso27001:A.8.32",
  ]

  struct Workload: Sendable {
    var deployers = ProvenanceDeployers()
    /// Writes by people and pipelines. The machinery's are not counted: an HPA scaling every
    /// minute is no deploy history, and the first sync after it would look out of band.
    var writes = 0
    var lastChange: Timestamp
  }

  struct Namespace: Sendable {
    /// The pipeline identities (service accounts and CD tools) that wrote here.
    var pipeline = ProvenanceDeployers()
    var pipelineWrites = 0
    /// Writes by people with their own tools.
    var handWrites = 0
    /// Workloads the pipeline wrote, kept only up to the minimum that makes it CD-managed.
    var pipelineWorkloads: Set<Int> = []
    var lastChange: Timestamp
  }

  /// One write, as the rules read it.
  struct Write {
    var event: Event
    var audit: AuditEvent
    var resource: String
    var namespace: String?
    var name: String
    var scale: Bool
    var actor: String
    var kind: ActorKind
    var family: ClientFamily
    var manager: String?
    var byPipeline: Bool
  }

  /// The settings in force.
  public let configuration: Configuration
  /// Keyed by the seeded hash of resource, namespace and name: no key string per event.
  private var workloads: [Int: Workload] = [:]
  private var namespaces: [String: Namespace] = [:]

  /// How many workloads are remembered.
  public var workloadCount: Int { workloads.count }
  /// How many namespaces are remembered.
  public var namespaceCount: Int { namespaces.count }

  /// Creates the detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
  }

  /// Learns a workload write and returns the out-of-band or by-hand alerts it raises.
  public mutating func observe(_ event: Event, at now: Timestamp) -> [Alert] {
    guard let write = Self.write(in: event, configuration: configuration) else { return [] }
    var hasher = Hasher()
    hasher.combine(write.resource)
    hasher.combine(write.namespace ?? "")
    hasher.combine(write.name)
    let key = hasher.finalize()
    let namespaceKey = write.namespace ?? ""

    var alerts: [Alert] = []
    if write.kind == .human, !write.byPipeline, write.audit.verb == "create", !write.scale,
      let fed = namespaces[namespaceKey], isContinuousDelivery(fed)
    {
      alerts.append(Self.byHandAlert(write, pipeline: fed.pipeline.usual))
    }
    // One lookup, and the workload changed in place (a copy would copy its deployers too).
    Self.update(
      &workloads[key, default: Workload(lastChange: write.event.time)], with: write,
      configuration: configuration, alerting: alerts.isEmpty, into: &alerts)
    if write.kind != .system {
      Self.update(
        &namespaces[namespaceKey, default: Namespace(lastChange: write.event.time)],
        workload: key, with: write, configuration: configuration)
    }
    evictIfNeeded()
    return alerts
  }

  /// Whether a pipeline made most writes to `namespace`, across enough workloads.
  private func isContinuousDelivery(_ namespace: Namespace) -> Bool {
    namespace.pipelineWorkloads.count >= configuration.minimumNamespaceWorkloads
      && namespace.pipelineWrites > namespace.handWrites
  }

  /// Learns `write` on its workload; first, when alerting and the workload has its history but
  /// never saw this actor, raises the out-of-band alert.
  private static func update(
    _ workload: inout Workload, with write: Write, configuration: Configuration,
    alerting: Bool, into alerts: inout [Alert]
  ) {
    if alerting, write.kind != .system, workload.writes >= configuration.minimumWorkloadWrites,
      !workload.deployers.contains(write.actor), !setsImages(write)
    {
      alerts.append(outOfBandAlert(write, usual: workload.deployers.usual))
    }
    if write.kind != .system { workload.writes += 1 }
    workload.lastChange = write.event.time
    workload.deployers.record(
      write.actor, family: write.family, manager: write.manager,
      limit: configuration.maxIdentities)
  }

  /// Learns `write` on its namespace's feed.
  private static func update(
    _ namespace: inout Namespace, workload: Int, with write: Write, configuration: Configuration
  ) {
    namespace.lastChange = write.event.time
    guard write.byPipeline else {
      namespace.handWrites += 1
      return
    }
    namespace.pipelineWrites += 1
    if namespace.pipelineWorkloads.count < configuration.minimumNamespaceWorkloads {
      namespace.pipelineWorkloads.insert(workload)
    }
    namespace.pipeline.record(
      write.actor, family: write.family, manager: write.manager,
      limit: configuration.maxIdentities)
  }

  /// True when `DeployerBaselineDetector` reads the change as an image change (an update or
  /// patch of the object itself that sets images), which it alerts on already.
  private static func setsImages(_ write: Write) -> Bool {
    write.audit.verb != "create" && !write.scale
      && !ImageReferences.find(in: write.audit.document.root["requestObject"]).isEmpty
  }

  private mutating func evictIfNeeded() {
    if workloads.count > configuration.maxWorkloads {
      let keep = configuration.maxWorkloads * 9 / 10
      let sorted = workloads.sorted { $0.value.lastChange > $1.value.lastChange }
      workloads = Dictionary(uniqueKeysWithValues: sorted.prefix(keep).map { ($0.key, $0.value) })
    }
    if namespaces.count > configuration.maxNamespaces {
      let keep = configuration.maxNamespaces * 9 / 10
      let sorted = namespaces.sorted { $0.value.lastChange > $1.value.lastChange }
      namespaces = Dictionary(
        uniqueKeysWithValues: sorted.prefix(keep).map { ($0.key, $0.value) })
    }
  }
}
