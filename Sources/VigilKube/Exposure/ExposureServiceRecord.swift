import VigilJSON

/// What the exposure model keeps of a Service (every type, so a later type change is seen).
struct ExposureServiceRecord: Sendable, Hashable {
  /// Kubernetes metadata.
  var meta: ExposureObjectMeta
  /// `spec.type` (`ClusterIP` when absent).
  var type: String
  /// `spec.ports`.
  var ports: [Exposure.Port]
  /// `spec.selector`.
  var selector: [String: String]
  /// `spec.externalIPs`.
  var externalIPs: [String]
  /// `spec.externalName`.
  var externalName: String?
  /// `status.loadBalancer.ingress` IPs and hostnames.
  var loadBalancerAddresses: [String]
  /// `spec.loadBalancerSourceRanges`.
  var sourceRanges: [String]

  /// Annotations that make a cloud load balancer internal, with the values that mean so.
  static let internalAnnotations: [(key: String, values: Set<String>)] = [
    ("service.beta.kubernetes.io/aws-load-balancer-internal", ["true", "0.0.0.0/0"]),
    ("service.beta.kubernetes.io/aws-load-balancer-scheme", ["internal"]),
    ("service.beta.kubernetes.io/azure-load-balancer-internal", ["true"]),
    ("networking.gke.io/load-balancer-type", ["internal"]),
    ("cloud.google.com/load-balancer-type", ["internal"]),
    ("service.beta.kubernetes.io/oci-load-balancer-internal", ["true"]),
  ]

  /// Reads a Service object.
  init(_ object: JSONValue, meta: ExposureObjectMeta) {
    self.meta = meta
    let spec = object["spec"]
    type = spec?["type"]?.string ?? "ClusterIP"
    var ports: [Exposure.Port] = []
    spec?["ports"]?.forEachElement { port in
      guard let number = port["port"]?.int else { return }
      ports.append(
        Exposure.Port(
          name: port["name"]?.string, port: Int(number), proto: port["protocol"]?.string ?? "TCP",
          targetPort: ExposureObjectMeta.intOrString(port["targetPort"]) ?? String(number),
          nodePort: port["nodePort"]?.int.map { Int($0) }))
    }
    self.ports = ports
    selector = ExposureObjectMeta.stringMap(spec?["selector"])
    externalIPs = spec?["externalIPs"]?.elements.compactMap(\.string) ?? []
    externalName = spec?["externalName"]?.string
    loadBalancerAddresses = ExposureObjectMeta.loadBalancerAddresses(object)
    sourceRanges = spec?["loadBalancerSourceRanges"]?.elements.compactMap(\.string) ?? []
  }

  /// How far the type opens it: ClusterIP and ExternalName 0, NodePort 1, LoadBalancer 2.
  var reach: Int {
    switch type {
    case "NodePort": 1
    case "LoadBalancer": 2
    default: 0
    }
  }

  /// Whether a cloud annotation makes its load balancer internal.
  var isInternal: Bool {
    Self.internalAnnotations.contains { key, values in
      meta.annotations[key].map { values.contains($0.lowercased()) } ?? false
    }
  }

  /// What the classifier needs, with the containers behind it when known.
  func subject(containers: [SensitivityClassifier.Container]) -> SensitivityClassifier.Subject {
    SensitivityClassifier.Subject(
      name: meta.key.name, labels: meta.labels, annotations: meta.annotations, ports: ports,
      addresses: externalIPs + (externalName.map { [$0] } ?? []), containers: containers)
  }

  /// `5432/TCP, 8080/TCP`.
  var portList: String { ports.sorted().map(\.description).joined(separator: ", ") }
}
