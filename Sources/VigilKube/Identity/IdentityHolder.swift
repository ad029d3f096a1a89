/// Who held an address: a pod, a Service (ClusterIP, load balancer, external IP) or a node.
public struct IdentityHolder: Sendable, Hashable, CustomStringConvertible {
  /// The address class the holder gives (`.pod`, `.service`, `.loadBalancer`, `.externalIP`,
  /// `.node`).
  public var addressClass: AddressClass
  /// The namespace (empty for nodes).
  public var namespace: String
  /// The pod, Service or node name.
  public var name: String
  /// The object's uid (empty when unknown).
  public var uid: String
  /// The pod's workload (nil for Services and nodes).
  public var workload: WorkloadReference?
  /// How the workload was found.
  public var workloadConfidence: WorkloadConfidence?

  /// Creates a holder.
  public init(
    addressClass: AddressClass, namespace: String, name: String, uid: String = "",
    workload: WorkloadReference? = nil, workloadConfidence: WorkloadConfidence? = nil
  ) {
    self.addressClass = addressClass
    self.namespace = namespace
    self.name = name
    self.uid = uid
    self.workload = workload
    self.workloadConfidence = workloadConfidence
  }

  /// `payments/api-7d9f-x2 (Deployment payments/api)`, `Service payments/db (ClusterIP)`,
  /// `node worker-1`.
  public var description: String {
    switch addressClass {
    case .pod:
      guard let workload, workload.kind != "Pod" else { return "\(namespace)/\(name) (bare pod)" }
      let hedge = workloadConfidence == .inferred ? ", inferred" : ""
      return "\(namespace)/\(name) (\(workload)\(hedge))"
    case .service: return "Service \(namespace)/\(name) (ClusterIP)"
    case .loadBalancer: return "Service \(namespace)/\(name) (LoadBalancer)"
    case .externalIP: return "Service \(namespace)/\(name) (externalIP)"
    case .node: return "node \(name)"
    default: return namespace.isEmpty ? name : "\(namespace)/\(name)"
    }
  }

  /// The key of the live object, so its addresses can be updated or released together.
  var key: Key { Key(addressClass: addressClass, namespace: namespace, name: name, uid: uid) }

  /// Identifies one live holder.
  struct Key: Hashable, Sendable {
    var addressClass: AddressClass
    var namespace: String
    var name: String
    var uid: String
  }
}
