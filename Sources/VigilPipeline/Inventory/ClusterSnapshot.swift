import VigilCore
import VigilDetect
import VigilJSON
import VigilKube
import VigilStore

/// The cluster as a set of objects — from `kubectl get -A -o json` files or from the store —
/// and the models built from them: the inventory with identities, the exposure inventory, the
/// RBAC model. This is how `vigil inventory`, `vigil exposure` and `vigil rbac` work offline.
public struct ClusterSnapshot: Sendable {
  /// A piece of a file that could not be read as an object.
  public struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The item's index in the list (nil for the whole file).
    public var item: Int?
    /// What is wrong.
    public var message: String

    /// `file: item 3: no metadata.name`.
    public var description: String {
      item.map { "\(file): item \($0): \(message)" } ?? "\(file): \(message)"
    }
  }

  /// The objects, in the order read.
  public var objects: [StoredObject] = []
  /// What could not be read (skipped).
  public var problems: [Problem] = []

  /// An empty snapshot.
  public init() {}

  /// The objects of a snapshot stored earlier.
  public init(store: SQLiteStore) throws {
    objects = try store.storedObjects()
  }

  /// Adds the objects of one JSON file: a `List` (of any kinds) or `…List`, or one object.
  public mutating func add(file: String, bytes: [UInt8], at time: Timestamp) {
    let document: JSONDocument
    do {
      document = try JSONDocument(parsing: bytes)
    } catch {
      problems.append(Problem(file: file, item: nil, message: "not JSON: \(error)"))
      return
    }
    let root = document.root
    guard let items = root["items"], items.kind == .array else {
      add(root, kind: nil, file: file, item: nil, document: document, at: time)
      return
    }
    let listKind = root["kind"]?.string ?? "List"
    let itemKind =
      listKind != "List" && listKind.hasSuffix("List") ? String(listKind.dropLast(4)) : nil
    for (index, item) in items.elements.enumerated() {
      add(item, kind: itemKind, file: file, item: index, document: document, at: time)
    }
  }

  private mutating func add(
    _ value: JSONValue, kind fallback: String?, file: String, item: Int?, document: JSONDocument,
    at time: Timestamp
  ) {
    guard value.kind == .object else {
      problems.append(Problem(file: file, item: item, message: "not an object"))
      return
    }
    guard let kind = value["kind"]?.string ?? fallback else {
      problems.append(Problem(file: file, item: item, message: "no kind"))
      return
    }
    guard let name = value["metadata"]?["name"]?.string else {
      problems.append(Problem(file: file, item: item, message: "no metadata.name"))
      return
    }
    var json = Array(document.bytes[value.byteRange])
    if value["kind"] == nil {
      // A typed list's items carry no kind: write it in so the object stands on its own.
      json = Array("{\"kind\":\(JSONText.quoted(kind)),".utf8) + json.dropFirst()
    }
    objects.append(
      StoredObject(
        kind: kind, namespace: value["metadata"]?["namespace"]?.string ?? "", name: name,
        updated: time, json: json))
  }

  /// The objects as one `List` document.
  public var list: [UInt8] {
    var bytes = Array(#"{"kind":"List","apiVersion":"v1","items":["#.utf8)
    for (index, object) in objects.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes += object.json
    }
    bytes += Array("]}".utf8)
    return bytes
  }

  /// The inventory of everything it holds, with identities.
  public func inventory(at time: Timestamp) throws -> Inventory {
    var inventory = Inventory()
    _ = try inventory.import(json: list, at: time)
    return inventory
  }

  /// The entry points into the cluster, with workloads resolved through `inventory`.
  public func exposures(inventory: Inventory) -> ExposureInventory {
    let resolver = ExposureResolver(podWorkload: { pod, owner in
      inventory.workload(ofPodNamespace: pod.namespace, name: pod.name)?.workload ?? owner
    })
    var exposures = ExposureInventory(resolver: resolver)
    // Pods first: Services then resolve their selectors at once.
    let ordered = objects.filter { $0.kind == "Pod" } + objects.filter { $0.kind != "Pod" }
    for object in ordered {
      guard let document = try? JSONDocument(parsing: object.json) else { continue }
      _ = try? exposures.apply(document.root, at: object.updated)
    }
    return exposures
  }

  /// The registries and images the pods and workload templates run, per namespace.
  public func registries() -> RegistryInventory {
    var registries = RegistryInventory()
    for object in objects where Self.imageKinds.contains(object.kind) {
      guard let document = try? JSONDocument(parsing: object.json) else { continue }
      let workload = WorkloadReference(
        kind: object.kind, namespace: object.namespace, name: object.name)
      for image in ImageReferences.find(in: document.root) {
        _ = try? registries.record(
          imageText: image, namespace: object.namespace, workload: workload, at: object.updated,
          announce: false)
      }
    }
    return registries
  }

  /// The kinds whose specs carry container images.
  public static let imageKinds: Set<String> = [
    "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob",
  ]

  /// The seed the inventory detectors start from: what existed before an audit stream.
  public func seed(at time: Timestamp) throws -> ClusterSeed {
    ClusterSeed(
      exposure: exposures(inventory: try inventory(at: time)), rbac: rbac(),
      registries: registries(),
      objects: Set(objects.map { ObjectKey(kind: $0.kind, namespace: $0.namespace, name: $0.name) })
    )
  }

  /// The RBAC model: Kubernetes' default ClusterRoles, then every RBAC object held.
  public func rbac() -> RBACModel {
    var model = RBACModel.kubernetesDefaults
    for object in objects where RBACModel.kinds.contains(object.kind) {
      guard let document = try? JSONDocument(parsing: object.json) else { continue }
      _ = try? model.apply(document.root, kind: object.kind)
    }
    return model
  }
}
