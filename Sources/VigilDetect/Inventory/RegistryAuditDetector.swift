import VigilCore
import VigilJSON
import VigilKube

/// Practice 4 on the audit stream: every image set by a pod or workload write is recorded in the
/// ``RegistryInventory``; the first use of a registry in the cluster, or in a namespace, is an
/// alert ("first use of registry quay.io (public) in namespace payments: quay.io/x/miner:1 by
/// Deployment payments/api"), public registries ranked higher.
public struct RegistryAuditDetector: Detector, Sendable {
  /// The rule name.
  public static let ruleName = "New Container Registry"
  /// Tags: ATT&CK Deploy Container / Implant Internal Image, supply-chain controls.
  public static let tags = [
    "k8s", "vigil", "registry", "mitre:T1610", "mitre:T1525", "soc2:CC7.1", "soc2:CC8.1",
    "nist:CM-7(5)", "nist:SR-3", "cis:5.5.1", "pci:6.3.2", "iso27001:A.8.19",
  ]

  static let workloadKinds: [String: String] = [
    "pods": "Pod", "deployments": "Deployment", "statefulsets": "StatefulSet",
    "daemonsets": "DaemonSet", "replicasets": "ReplicaSet", "jobs": "Job", "cronjobs": "CronJob",
  ]

  /// The registries and images seen so far.
  public private(set) var inventory: RegistryInventory
  /// For this long after the first event, registries are learned without alerts: what the
  /// cluster already pulls from is not news (zero when the inventory was seeded from a snapshot).
  public let learningPeriod: Duration
  private var learningEnds: Timestamp?

  /// Creates the detector over an inventory (empty, or seeded with what already runs).
  public init(
    inventory: RegistryInventory = RegistryInventory(), learningPeriod: Duration = .seconds(3600)
  ) {
    self.inventory = inventory
    self.learningPeriod = learningPeriod
  }

  public mutating func observe(_ event: Event, at now: Timestamp) -> [Alert] {
    guard let audit = event.audit,
      audit.verb == "create" || audit.verb == "update"
        || audit.verb == "patch",
      let ref = audit.objectRef, ref.subresource == nil, let resource = ref.resource,
      let kind = Self.workloadKinds[resource],
      audit.stage == nil || audit.stage == "ResponseComplete", (audit.responseCode ?? 200) < 300
    else { return [] }
    let root = audit.document.root
    let images = ImageReferences.find(in: root["requestObject"])
    guard !images.isEmpty else { return [] }
    let namespace = ref.namespace ?? ""
    let name =
      ref.name ?? root["responseObject"]?["metadata"]?["name"]?.string
      ?? root["requestObject"]?["metadata"]?["name"]?.string ?? "?"
    let workload = WorkloadReference(kind: kind, namespace: namespace, name: name)
    let ends = learningEnds ?? event.time.adding(learningPeriod)
    learningEnds = ends
    let announce = event.time >= ends
    var alerts: [Alert] = []
    for text in images {
      guard
        let events = try? inventory.record(
          imageText: text, namespace: namespace, workload: workload, at: event.time,
          announce: announce)
      else { continue }
      for registryEvent in events {
        alerts.append(alert(for: registryEvent, event: event, audit: audit))
      }
    }
    return alerts
  }

  private func alert(for registryEvent: RegistryEvent, event: Event, audit: AuditEvent) -> Alert {
    let actor = audit.impersonatedUser?.username ?? audit.user.username
    var output = "\(registryEvent.description), set by \(actor)"
    if let agent = audit.userAgent { output += " (\(agent))" }
    if !registryEvent.image.isPinned { output += "; image not pinned by digest" }
    let fields = [
      AlertField(name: "ka.user.name", value: actor),
      AlertField(name: "ka.target.namespace", value: registryEvent.namespace),
      AlertField(name: "ka.target.name", value: registryEvent.workload?.name),
      AlertField(name: "container.image.registry", value: registryEvent.registry),
      AlertField(name: "container.image", value: registryEvent.image.description),
      AlertField(name: "registry.class", value: "\(registryEvent.registryClass)"),
      AlertField(name: "registry.first", value: registryEvent.kind.rawValue),
    ]
    return Alert(
      rule: Self.ruleName, severity: registryEvent.suggestedSeverity, time: event.time,
      output: output, source: event.source, tags: Self.tags, fields: fields,
      subject: AlertSubject(audit: audit), evidence: [Evidence(event: event)],
      dedupKey: DedupKey.make([
        Self.ruleName, registryEvent.kind.rawValue, registryEvent.registry, registryEvent.namespace,
      ]))
  }
}
