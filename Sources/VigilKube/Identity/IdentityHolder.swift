/// Who held an address: a pod, a Service (ClusterIP, load balancer, external IP) or a node.
///
/// The fields live in one immutable box, so handing a holder out of a lookup costs one
/// reference count, not one per string (setters replace the box).
public struct IdentityHolder: Sendable, Hashable, CustomStringConvertible {
  /// The fields, shared between copies.
  final class Storage: Sendable {
    let addressClass: AddressClass
    let namespace: String
    let name: String
    let uid: String
    let workload: WorkloadReference?
    let workloadConfidence: WorkloadConfidence?

    init(
      addressClass: AddressClass, namespace: String, name: String, uid: String,
      workload: WorkloadReference?, workloadConfidence: WorkloadConfidence?
    ) {
      self.addressClass = addressClass
      self.namespace = namespace
      self.name = name
      self.uid = uid
      self.workload = workload
      self.workloadConfidence = workloadConfidence
    }
  }

  private var storage: Storage

  /// Creates a holder.
  public init(
    addressClass: AddressClass, namespace: String, name: String, uid: String = "",
    workload: WorkloadReference? = nil, workloadConfidence: WorkloadConfidence? = nil
  ) {
    storage = Storage(
      addressClass: addressClass, namespace: namespace, name: name, uid: uid, workload: workload,
      workloadConfidence: workloadConfidence)
  }

  /// The address class the holder gives (`.pod`, `.service`, `.loadBalancer`, `.externalIP`,
  /// `.node`).
  public var addressClass: AddressClass { storage.addressClass }
  /// The namespace (empty for nodes).
  public var namespace: String { storage.namespace }
  /// The pod, Service or node name.
  public var name: String { storage.name }
  /// The object's uid (empty when unknown).
  public var uid: String { storage.uid }
  /// The pod's workload (nil for Services and nodes).
  public var workload: WorkloadReference? { storage.workload }
  /// How the workload was found.
  public var workloadConfidence: WorkloadConfidence? { storage.workloadConfidence }

  /// The same holder with another workload.
  public func with(workload: WorkloadReference?, confidence: WorkloadConfidence?) -> IdentityHolder
  {
    IdentityHolder(
      addressClass: addressClass, namespace: namespace, name: name, uid: uid, workload: workload,
      workloadConfidence: confidence)
  }

  /// Equal when every field is.
  public static func == (lhs: IdentityHolder, rhs: IdentityHolder) -> Bool {
    lhs.storage === rhs.storage
      || (lhs.addressClass == rhs.addressClass && lhs.namespace == rhs.namespace
        && lhs.name == rhs.name && lhs.uid == rhs.uid && lhs.workload == rhs.workload
        && lhs.workloadConfidence == rhs.workloadConfidence)
  }

  /// Hashes the identifying fields.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(addressClass)
    hasher.combine(namespace)
    hasher.combine(name)
    hasher.combine(uid)
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
