import VigilCore
import VigilKube
import VigilNet

/// The cluster model behind the network map's identity seam: an address at a time → the
/// workload whose pod held it (through `IdentityIndex`, so reused addresses go to the right
/// pod), a Service's single backend workload, a node, the API server (the `default/kubernetes`
/// Service and its endpoints), the metadata endpoint, or an external address by class. An unheld
/// address in a pod or Service range is "unknown yet" (the flow waits for the inventory).
///
/// Built from an `Inventory` and its `ExposureInventory` (a `ClusterSnapshot` offline, the live
/// cluster state's snapshot in the server), it precomputes each workload's marks: public entry
/// point (an exposure that is not internal leads to it) and sensitivity (the classifier over the
/// Services that select its pods and its containers). It is a value: rebuild it when the
/// inventory changes and tell the attributor (`FlowAttributor.retryPending`).
public struct KubeEndpointResolver: EndpointResolving, Sendable {
  /// The index of addresses over time.
  let identities: IdentityIndex
  /// Precomputed ends of the pods the inventory holds, by namespace/name.
  let podEnds: [ObjectKey: (endpoint: NetworkEndpoint, marks: EndpointMarks)]
  /// Precomputed ends of Services: their single backend workload, else the Service itself.
  let serviceEnds: [ObjectKey: (endpoint: NetworkEndpoint, marks: EndpointMarks)]
  /// Marks by workload.
  let workloadMarks: [WorkloadReference: EndpointMarks]
  /// Addresses of the API server (the `default/kubernetes` endpoints).
  let apiServerAddresses: Set<IPAddress>
  /// The cluster's name, when several are watched.
  public let cluster: String?

  /// Builds the resolver over `inventory` with marks from `exposures` and `classifier`.
  public init(
    inventory: Inventory, exposures: ExposureInventory,
    classifier: SensitivityClassifier = SensitivityClassifier(), cluster: String? = nil
  ) {
    self.cluster = cluster
    identities = inventory.identities
    let marks = Self.workloadMarks(
      inventory: inventory, exposures: exposures, classifier: classifier)
    workloadMarks = marks
    var pods: [ObjectKey: (NetworkEndpoint, EndpointMarks)] = [:]
    var podsByNamespace: [String: [(PodRecord, WorkloadReference)]] = [:]
    for (key, pod) in inventory.pods {
      let workload = inventory.workload(of: pod).workload
      pods[key] = (
        Self.endpoint(workload, pod: pod.name, cluster: cluster), marks[workload] ?? .none
      )
      podsByNamespace[pod.namespace, default: []].append((pod, workload))
    }
    podEnds = pods
    var services: [ObjectKey: (NetworkEndpoint, EndpointMarks)] = [:]
    var apiServer: Set<IPAddress> = []
    for (key, service) in inventory.services {
      if service.namespace == "default" && service.name == "kubernetes" {
        services[key] = (.apiServer(), .none)
        apiServer.formUnion(service.clusterIPs)
        continue
      }
      let backends = Set(
        (podsByNamespace[service.namespace] ?? []).filter {
          !service.selector.isEmpty && $0.0.labels.matches(selector: service.selector)
            && !$0.0.hasTerminated
        }.map(\.1))
      let serviceMarks = marks[Self.serviceReference(service)] ?? .none
      if backends.count == 1, let workload = backends.first {
        services[key] = (
          Self.endpoint(workload, service: service.name, cluster: cluster),
          (marks[workload] ?? .none).merged(with: serviceMarks)
        )
      } else {
        services[key] = (
          NetworkEndpoint.service(namespace: service.namespace, name: service.name), serviceMarks
        )
      }
    }
    for slice in inventory.endpointSlices.values
    where slice.metadata.namespace == "default" && slice.serviceName == "kubernetes" {
      for endpoint in slice.endpoints { apiServer.formUnion(endpoint.addresses) }
    }
    serviceEnds = services
    apiServerAddresses = apiServer
  }

  /// The resolver over a snapshot's objects, as of `time`.
  public init(
    snapshot: ClusterSnapshot, at time: Timestamp,
    classifier: SensitivityClassifier = SensitivityClassifier(), cluster: String? = nil
  ) throws {
    let inventory = try snapshot.inventory(at: time)
    self.init(
      inventory: inventory, exposures: snapshot.exposures(inventory: inventory),
      classifier: classifier, cluster: cluster)
  }

  /// What `ip` was at `time`. Each answer carries the span it holds for in this inventory (the
  /// pod's holding of the address, or the gap between holdings), so the attributor asks once per
  /// address; a new resolver (inventory change) starts a new cache.
  public func resolve(ip: String, at time: Timestamp) -> EndpointResolution {
    guard let address = IPAddress(ip) else {
      return .known(
        AddressClassifier.endpoint(for: ip), marks: .none, validFrom: .min, validUntil: .max)
    }
    if apiServerAddresses.contains(address) {
      return .known(.apiServer(address: ip), marks: .none, validFrom: .min, validUntil: .max)
    }
    let (resolution, from, until) = identities.resolveWithSpan(ip: address, at: time)
    func known(_ endpoint: NetworkEndpoint, _ marks: EndpointMarks = .none) -> EndpointResolution {
      .known(endpoint, marks: marks, validFrom: from, validUntil: until)
    }
    if let holder = resolution.holder {
      switch holder.addressClass {
      case .pod:
        let key = ObjectKey(kind: "Pod", namespace: holder.namespace, name: holder.name)
        if let end = podEnds[key], end.endpoint.pod == holder.name {
          return known(end.endpoint, end.marks)
        }
        let workload =
          holder.workload
          ?? WorkloadReference(kind: "Pod", namespace: holder.namespace, name: holder.name)
        return known(
          Self.endpoint(workload, pod: holder.name, cluster: cluster),
          workloadMarks[workload] ?? .none)
      case .service, .loadBalancer, .externalIP:
        let key = ObjectKey(kind: "Service", namespace: holder.namespace, name: holder.name)
        if let end = serviceEnds[key] { return known(end.endpoint, end.marks) }
        return known(.service(namespace: holder.namespace, name: holder.name))
      case .node:
        return known(.node(holder.name, address: ip))
      default:
        break
      }
    }
    switch resolution.addressClass {
    case .podCIDR:
      return .unknownYet(address: ip, scope: .podCIDR, validFrom: from, validUntil: until)
    case .serviceCIDR:
      return .unknownYet(address: ip, scope: .serviceCIDR, validFrom: from, validUntil: until)
    case .cloudMetadata: return known(.cloudMetadata(address: ip))
    case .node: return known(.node(resolution.nodeName ?? ip, address: ip))
    case .loopback: return known(.external(address: ip, scope: .loopback))
    case .linkLocal: return known(.external(address: ip, scope: .linkLocal))
    case .multicast: return known(.external(address: ip, scope: .multicast))
    case .unspecified: return known(.external(address: ip, scope: .unspecified))
    case .publicInternet: return known(.external(address: ip, scope: .publicInternet))
    case .privateNetwork, .pod, .service, .loadBalancer, .externalIP:
      return known(.external(address: ip, scope: .privateNetwork))
    }
  }

  /// The map end of a workload.
  static func endpoint(
    _ workload: WorkloadReference, pod: String? = nil, service: String? = nil, cluster: String?
  ) -> NetworkEndpoint {
    .workload(
      cluster: cluster, namespace: workload.namespace, kind: workload.kind, name: workload.name,
      pod: pod, service: service)
  }

  /// The key Service marks are kept under (a `Service` pseudo-workload).
  static func serviceReference(_ service: ServiceRecord) -> WorkloadReference {
    WorkloadReference(kind: "Service", namespace: service.namespace, name: service.name)
  }
}
