import VigilCore
import VigilJSON

/// One reader per kind.
extension KubeObjectDecoder {
  /// A Pod.
  mutating func pod(_ object: JSONValue) throws(InventoryError) -> PodRecord {
    let metadata = try metadata(object, namespaced: true, uniqueName: true)
    let spec = object["spec"]
    let status = object["status"]
    var containers: [ContainerRecord] = []
    for (field, role) in [
      ("initContainers", ContainerRecord.Role.initContainer), ("containers", .container),
      ("ephemeralContainers", .ephemeral),
    ] {
      for entry in spec?[field]?.elements ?? [] {
        var ports: [ContainerPortRecord] = []
        for port in entry["ports"]?.elements ?? [] {
          ports.append(
            ContainerPortRecord(
              containerPort: try int32(port["containerPort"], "containerPort"),
              hostPort: try int32(port["hostPort"], "hostPort"),
              protocol: try string(port["protocol"], "protocol").nonEmpty ?? "TCP",
              name: try string(port["name"], "ports.name")))
        }
        containers.append(
          ContainerRecord(
            name: try string(entry["name"], "\(field).name"), role: role,
            image: try string(entry["image"], "\(field).image"), ports: ports))
      }
    }
    for field in ["initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"] {
      for entry in status?[field]?.elements ?? [] {
        let name = try string(entry["name"], "\(field).name")
        guard let i = containers.firstIndex(where: { $0.name == name }) else { continue }
        // Container IDs are unique per container: not worth interning.
        containers[i].containerID = entry["containerID"]?.string ?? ""
        containers[i].imageID = try string(entry["imageID"], "\(field).imageID")
      }
    }
    return PodRecord(
      metadata: metadata, nodeName: try string(spec?["nodeName"], "spec.nodeName"),
      hostNetwork: spec?["hostNetwork"]?.bool ?? false,
      serviceAccountName: try string(spec?["serviceAccountName"], "spec.serviceAccountName"),
      podIPs: addresses(status?["podIPs"], single: status?["podIP"]),
      phase: try string(status?["phase"], "status.phase"), containers: containers)
  }

  /// A Service.
  mutating func service(_ object: JSONValue) throws(InventoryError) -> ServiceRecord {
    let metadata = try metadata(object, namespaced: true)
    let spec = object["spec"]
    var ports: [ServicePortRecord] = []
    for port in spec?["ports"]?.elements ?? [] {
      let target = port["targetPort"]
      var targetPort = target?.rawText ?? ""
      if target?.kind != .number { targetPort = try string(target, "ports.targetPort") }
      ports.append(
        ServicePortRecord(
          name: try string(port["name"], "ports.name"),
          protocol: try string(port["protocol"], "ports.protocol").nonEmpty ?? "TCP",
          port: try int32(port["port"], "ports.port"),
          nodePort: try int32(port["nodePort"], "ports.nodePort"),
          targetPort: targetPort))
    }
    var hostnames: [String] = []
    let ingress = object["status"]?["loadBalancer"]?["ingress"]
    for entry in ingress?.elements ?? [] {
      let hostname = try string(entry["hostname"], "ingress.hostname")
      if !hostname.isEmpty { hostnames.append(hostname) }
    }
    return ServiceRecord(
      metadata: metadata, type: try string(spec?["type"], "spec.type").nonEmpty ?? "ClusterIP",
      clusterIPs: addresses(spec?["clusterIPs"], single: spec?["clusterIP"]),
      externalIPs: addresses(spec?["externalIPs"]), loadBalancerIPs: addresses(ingress),
      loadBalancerHostnames: hostnames,
      externalName: try string(spec?["externalName"], "spec.externalName"), ports: ports,
      selector: try labels(spec?["selector"], "spec.selector"),
      annotations: try labels(
        object["metadata"]?["annotations"], "metadata.annotations",
        keep: ServiceRecord.keepsAnnotation))
  }

  /// A Node.
  mutating func node(_ object: JSONValue) throws(InventoryError) -> NodeRecord {
    var record = NodeRecord(metadata: try metadata(object, namespaced: false))
    for entry in object["status"]?["addresses"]?.elements ?? [] {
      guard let ip = address(entry["address"]) else { continue }
      switch entry["type"]?.string {
      case "InternalIP": record.internalIPs.append(ip)
      case "ExternalIP": record.externalIPs.append(ip)
      default: break
      }
    }
    let spec = object["spec"]
    var cidrs = spec?["podCIDRs"]?.elements.compactMap { $0.string.flatMap(IPNetwork.init) } ?? []
    if cidrs.isEmpty, let single = spec?["podCIDR"]?.string.flatMap(IPNetwork.init) {
      cidrs.append(single)
    }
    record.podCIDRs = cidrs
    return record
  }

  /// A Namespace.
  mutating func namespace(_ object: JSONValue) throws(InventoryError) -> NamespaceRecord {
    NamespaceRecord(
      metadata: try metadata(object, namespaced: false),
      annotations: try labels(
        object["metadata"]?["annotations"], "metadata.annotations",
        maxValueLength: NamespaceRecord.maxAnnotationLength,
        keep: { $0 != "kubectl.kubernetes.io/last-applied-configuration" }))
  }

  /// A workload controller; the pod template is `spec.template` (CronJob:
  /// `spec.jobTemplate.spec.template`).
  mutating func workload(_ object: JSONValue, kind: WorkloadKind) throws(InventoryError)
    -> WorkloadRecord
  {
    let metadata = try metadata(object, namespaced: true)
    let template =
      kind == .cronJob
      ? object.value(atPath: "spec", "jobTemplate", "spec", "template", "spec")
      : object.value(atPath: "spec", "template", "spec")
    var images: [String] = []
    for field in ["initContainers", "containers"] {
      for entry in template?[field]?.elements ?? [] {
        images.append(try string(entry["image"], "\(field).image"))
      }
    }
    return WorkloadRecord(kind: kind, metadata: metadata, images: images)
  }

  /// An EndpointSlice.
  mutating func endpointSlice(_ object: JSONValue) throws(InventoryError) -> EndpointSliceRecord {
    let metadata = try metadata(object, namespaced: true)
    var endpoints: [EndpointSliceRecord.Endpoint] = []
    for entry in object["endpoints"]?.elements ?? [] {
      let target = entry["targetRef"]
      endpoints.append(
        EndpointSliceRecord.Endpoint(
          addresses: addresses(entry["addresses"]),
          targetKind: try string(target?["kind"], "targetRef.kind"),
          targetName: try string(target?["name"], "targetRef.name"),
          targetNamespace: try string(target?["namespace"], "targetRef.namespace").nonEmpty
            ?? metadata.namespace,
          ready: entry["conditions"]?["ready"]?.bool ?? true))
    }
    var ports: [Int32] = []
    for port in object["ports"]?.elements ?? [] {
      ports.append(try int32(port["port"], "ports.port"))
    }
    return EndpointSliceRecord(
      metadata: metadata,
      serviceName: metadata.labels["kubernetes.io/service-name"] ?? "",
      addressType: try string(object["addressType"], "addressType"), endpoints: endpoints,
      ports: ports)
  }
}

extension String {
  /// Nil for the empty string.
  var nonEmpty: String? { isEmpty ? nil : self }
}
