import VigilCore
import VigilKube
import VigilNet

extension KubeEndpointResolver {
  /// Each workload's marks (and each Service's, under a `Service` pseudo-workload): public entry
  /// when an exposure that is not internal leads to it; sensitivity from the classifier over the
  /// Services that select its pods (with the pods' containers) and over its own pods.
  static func workloadMarks(
    inventory: Inventory, exposures: ExposureInventory, classifier: SensitivityClassifier
  ) -> [WorkloadReference: EndpointMarks] {
    var marks: [WorkloadReference: EndpointMarks] = [:]
    func add(_ workload: WorkloadReference, _ new: EndpointMarks) {
      marks[workload] = (marks[workload] ?? .none).merged(with: new)
    }
    for exposure in exposures.list() where !exposure.isInternal {
      for workload in exposure.workloads { add(workload, EndpointMarks(isPublicEntry: true)) }
      if exposure.source.kind == "Service" {
        add(
          WorkloadReference(
            kind: "Service", namespace: exposure.source.namespace, name: exposure.source.name),
          EndpointMarks(isPublicEntry: true))
      }
    }
    var podsByNamespace: [String: [(pod: PodRecord, workload: WorkloadReference)]] = [:]
    for pod in inventory.pods.values where !pod.hasTerminated {
      let workload = inventory.workload(of: pod).workload
      podsByNamespace[pod.namespace, default: []].append((pod, workload))
      let subject = SensitivityClassifier.Subject(
        name: workload.name, labels: pod.labels.dictionary,
        containers: pod.containers.map(container))
      if let sensitivity = classifier.classify(subject) {
        add(workload, EndpointMarks(sensitivity: mark(sensitivity)))
      }
    }
    for service in inventory.services.values {
      let selected = (podsByNamespace[service.namespace] ?? []).filter {
        !service.selector.isEmpty && $0.pod.labels.matches(selector: service.selector)
      }
      let subject = SensitivityClassifier.Subject(
        name: service.name, labels: service.metadata.labels.dictionary,
        annotations: service.annotations.dictionary,
        ports: service.ports.map {
          Exposure.Port(
            name: $0.name.isEmpty ? nil : $0.name, port: Int($0.port), proto: $0.protocol,
            targetPort: $0.targetPort.isEmpty ? nil : $0.targetPort)
        },
        addresses: service.externalName.isEmpty ? [] : [service.externalName],
        containers: selected.flatMap { $0.pod.containers.map(container) })
      guard let sensitivity = classifier.classify(subject) else { continue }
      let found = EndpointMarks(sensitivity: mark(sensitivity))
      add(serviceReference(service), found)
      for workload in Set(selected.map(\.workload)) { add(workload, found) }
    }
    return marks
  }

  static func container(_ record: ContainerRecord) -> SensitivityClassifier.Container {
    SensitivityClassifier.Container(
      image: record.image, ports: record.ports.map { Int($0.containerPort) })
  }

  /// The cluster model's sensitivity in VigilNet's words.
  static func mark(_ sensitivity: Sensitivity) -> EndpointMarks.Sensitivity {
    EndpointMarks.Sensitivity(
      level: sensitivity.level == .high ? .high : .low, product: sensitivity.product,
      reason: sensitivity.description)
  }
}
