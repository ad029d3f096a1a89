import VigilJSON

/// What the exposure model keeps of a Pod that uses the node's network or ports.
struct ExposurePodRecord: Sendable, Hashable {
  /// Kubernetes metadata.
  var meta: ExposureObjectMeta
  /// `spec.hostNetwork`.
  var hostNetwork: Bool
  /// Container ports; `nodePort` carries the `hostPort` when one is set.
  var ports: [Exposure.Port]
  /// Container images with their declared ports.
  var containers: [SensitivityClassifier.Container]
  /// `status.hostIP`.
  var hostIP: String?
  /// The controller owner (`ReplicaSet`, `DaemonSet` …), from `ownerReferences`.
  var owner: WorkloadReference?
  /// Whether the pod has finished (`Succeeded` or `Failed`) and so holds no port.
  var finished: Bool

  /// Reads a Pod object.
  init(_ object: JSONValue, meta: ExposureObjectMeta) {
    self.meta = meta
    let spec = object["spec"]
    hostNetwork = spec?["hostNetwork"]?.bool ?? false
    var ports: [Exposure.Port] = []
    var containers: [SensitivityClassifier.Container] = []
    for list in ["initContainers", "containers"] {
      spec?[list]?.forEachElement { container in
        var numbers: [Int] = []
        container["ports"]?.forEachElement { port in
          guard let number = port["containerPort"]?.int else { return }
          numbers.append(Int(number))
          let host = port["hostPort"]?.int.map { Int($0) }
          ports.append(
            Exposure.Port(
              name: port["name"]?.string, port: host ?? Int(number),
              proto: port["protocol"]?.string ?? "TCP", targetPort: String(number),
              nodePort: host))
        }
        if let image = container["image"]?.string {
          containers.append(SensitivityClassifier.Container(image: image, ports: numbers))
        }
      }
    }
    self.ports = ports
    self.containers = containers
    hostIP = object.value(atPath: "status", "hostIP")?.string
    let phase = object.value(atPath: "status", "phase")?.string
    finished = phase == "Succeeded" || phase == "Failed"
    let owners = object.value(atPath: "metadata", "ownerReferences")?.elements ?? []
    let controller = owners.first { $0["controller"]?.bool == true } ?? owners.first
    owner = controller.flatMap { ref in
      guard let kind = ref["kind"]?.string, let name = ref["name"]?.string else { return nil }
      return WorkloadReference(kind: kind, namespace: meta.key.namespace, name: name)
    }
  }

  /// Whether Services see the same pod in `other`: labels, containers, owner, running or not.
  /// When they do, the update cannot change what a Service selecting it fronts.
  func looksTheSameToServices(as other: ExposurePodRecord) -> Bool {
    finished == other.finished && owner == other.owner && meta.labels == other.meta.labels
      && containers == other.containers
  }

  /// The ports bound on the node: every container port with hostNetwork, else the hostPorts.
  var nodePorts: [Exposure.Port] {
    hostNetwork ? ports : ports.filter { $0.nodePort != nil }
  }
}
