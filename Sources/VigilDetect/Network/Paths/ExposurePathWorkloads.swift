import VigilCore
import VigilKube
import VigilNet

/// What the path search needs to know about each workload beyond the flows: its pods (for the
/// NetworkPolicy model), the ports it serves, and how sensitive it is.
public struct ExposurePathWorkloads: Sendable {
  /// One workload.
  public struct Workload: Sendable, Hashable {
    /// The workload.
    public var reference: WorkloadReference
    /// Its pods, one per distinct label set (policies select by labels).
    public var pods: [NetworkPolicyEndpoint.Pod]
    /// The ports it serves (`port`, `proto`), from its containers and the Services in front.
    public var ports: [Port]
    /// How sensitive it is, when it is.
    public var sensitivity: EndpointMarks.Sensitivity?

    /// Creates a workload.
    public init(
      reference: WorkloadReference, pods: [NetworkPolicyEndpoint.Pod], ports: [Port] = [],
      sensitivity: EndpointMarks.Sensitivity? = nil
    ) {
      self.reference = reference
      self.pods = pods
      self.ports = Array(Set(ports)).sorted()
      self.sensitivity = sensitivity
    }
  }

  /// A port and protocol a workload serves.
  public struct Port: Sendable, Hashable, Comparable {
    /// The port.
    public var port: Int
    /// `TCP`, `UDP`, `SCTP`.
    public var proto: String

    /// Creates a port.
    public init(_ port: Int, _ proto: String = "TCP") {
      self.port = port
      self.proto = proto
    }

    /// Ordered by port, then protocol.
    public static func < (lhs: Port, rhs: Port) -> Bool {
      (lhs.port, lhs.proto) < (rhs.port, rhs.proto)
    }
  }

  /// The workloads by reference.
  public var workloads: [WorkloadReference: Workload]

  /// Creates a table.
  public init(_ workloads: [Workload] = []) {
    self.workloads = Dictionary(
      workloads.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The workloads of the inventory's running pods, sensitivity from `classifier` over each
  /// workload's pods and the Services selecting them (as the network map marks them).
  public init(inventory: Inventory, classifier: SensitivityClassifier = SensitivityClassifier()) {
    var pods: [WorkloadReference: [PodRecord]] = [:]
    var byNamespace: [String: [(pod: PodRecord, workload: WorkloadReference)]] = [:]
    for pod in inventory.pods.values where !pod.hasTerminated && !pod.hostNetwork {
      let workload = inventory.workload(of: pod).workload
      pods[workload, default: []].append(pod)
      byNamespace[pod.namespace, default: []].append((pod, workload))
    }
    var ports: [WorkloadReference: [Port]] = [:]
    var sensitivity: [WorkloadReference: EndpointMarks.Sensitivity] = [:]
    func mark(_ workload: WorkloadReference, _ found: Sensitivity) {
      let new = EndpointMarks.Sensitivity(
        level: found.level == .high ? .high : .low, product: found.product,
        reason: found.description)
      if sensitivity[workload].map({ $0 < new }) ?? true { sensitivity[workload] = new }
    }
    func containers(_ pod: PodRecord) -> [SensitivityClassifier.Container] {
      pod.containers.map {
        SensitivityClassifier.Container(
          image: $0.image, ports: $0.ports.map { Int($0.containerPort) })
      }
    }
    for (workload, records) in pods {
      for pod in records {
        ports[workload, default: []] += pod.containers.filter { $0.role == .container }
          .flatMap(\.ports).map { Port(Int($0.containerPort), $0.protocol) }
      }
      guard let first = records.min(by: { $0.name < $1.name }) else { continue }
      let subject = SensitivityClassifier.Subject(
        name: workload.name, labels: first.labels.dictionary, containers: containers(first))
      if let found = classifier.classify(subject) { mark(workload, found) }
    }
    for service in inventory.services.values where !service.selector.isEmpty {
      let selected = (byNamespace[service.namespace] ?? []).filter {
        $0.pod.labels.matches(selector: service.selector)
      }
      guard !selected.isEmpty else { continue }
      let subject = SensitivityClassifier.Subject(
        name: service.name, labels: service.metadata.labels.dictionary,
        annotations: service.annotations.dictionary,
        ports: service.ports.map {
          Exposure.Port(
            name: $0.name.isEmpty ? nil : $0.name, port: Int($0.port), proto: $0.protocol,
            targetPort: $0.targetPort.isEmpty ? nil : $0.targetPort)
        },
        containers: selected.flatMap { containers($0.pod) })
      for workload in Set(selected.map(\.workload)) {
        ports[workload, default: []] += service.ports.compactMap { port in
          Int(port.targetPort).map { Port($0, port.protocol) }
            ?? (port.targetPort.isEmpty ? Port(Int(port.port), port.protocol) : nil)
        }
      }
      guard let found = classifier.classify(subject) else { continue }
      for workload in Set(selected.map(\.workload)) { mark(workload, found) }
    }
    var out: [Workload] = []
    for (workload, records) in pods {
      var seen: Set<Labels> = []
      let distinct = records.sorted { $0.name < $1.name }.filter { seen.insert($0.labels).inserted }
      out.append(
        Workload(
          reference: workload, pods: distinct.map(NetworkPolicyEndpoint.Pod.init),
          ports: ports[workload] ?? [], sensitivity: sensitivity[workload]))
    }
    self.init(out)
  }

  /// The workload a map node stands for, when it is one.
  public static func reference(of endpoint: NetworkEndpoint) -> WorkloadReference? {
    guard endpoint.kind == .workload else { return nil }
    return WorkloadReference(
      kind: endpoint.workloadKind, namespace: endpoint.namespace, name: endpoint.name)
  }
}
