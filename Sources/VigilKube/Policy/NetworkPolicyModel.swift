import VigilCore
import VigilJSON

/// The cluster's NetworkPolicies and the namespaces' labels, answering whether a connection
/// from a pod or address to a pod or address on a port is allowed, with Kubernetes semantics.
/// Malformed policies are reported in `skipped` (object, reason) and left out.
///
/// Pure state, no I/O: the caller feeds policy objects (a watch, a list, a file).
public struct NetworkPolicyModel: Sendable {
  /// A policy object that could not be read, and why.
  public struct Skipped: Sendable, Hashable, CustomStringConvertible {
    /// The object (`NetworkPolicy shop/broken`, or `item 3` when it has no name).
    public var object: String
    /// Why it was skipped.
    public var reason: NetworkPolicyDecodeError

    /// Creates a report.
    public init(object: String, reason: NetworkPolicyDecodeError) {
      self.object = object
      self.reason = reason
    }

    /// `NetworkPolicy shop/broken: bad CIDR 10.0.0.0/33`.
    public var description: String { "\(object): \(reason)" }
  }

  /// The object kinds the model reads (for snapshot and watch filters).
  public static let kinds: Set<String> = ["NetworkPolicy"]

  /// The label every namespace carries with its own name (set by the API server since 1.21).
  public static let namespaceNameLabel = "kubernetes.io/metadata.name"

  /// The policies by key.
  public private(set) var policies: [ObjectKey: NetworkPolicy] = [:]
  /// Policy keys by namespace, sorted.
  var byNamespace: [String: [ObjectKey]] = [:]
  /// Labels by namespace name (`kubernetes.io/metadata.name` is implied).
  public var namespaceLabels: [String: Labels]
  /// Objects skipped because they could not be read, by object.
  public private(set) var skippedObjects: [String: Skipped] = [:]

  /// Creates a model with the namespaces' labels.
  public init(namespaceLabels: [String: Labels] = [:]) {
    self.namespaceLabels = namespaceLabels
  }

  /// Creates a model with the namespace labels of `inventory` and the given policies.
  public init(inventory: Inventory, policies: [NetworkPolicy] = []) {
    self.init(namespaceLabels: inventory.namespaces.mapValues(\.metadata.labels))
    for policy in policies { insert(policy) }
  }

  /// The objects skipped, ordered by object.
  public var skipped: [Skipped] { skippedObjects.values.sorted { $0.object < $1.object } }

  /// Every policy, ordered by key.
  public var list: [NetworkPolicy] { policies.keys.sorted().compactMap { policies[$0] } }

  /// Adds or replaces a policy.
  public mutating func insert(_ policy: NetworkPolicy) {
    if policies.updateValue(policy, forKey: policy.key) == nil {
      var keys = byNamespace[policy.namespace] ?? []
      keys.append(policy.key)
      byNamespace[policy.namespace] = keys.sorted()
    }
    skippedObjects[policy.key.description] = nil
  }

  /// Forgets a deleted policy (and any report about it).
  public mutating func delete(_ key: ObjectKey) {
    skippedObjects[key.description] = nil
    guard policies.removeValue(forKey: key) != nil else { return }
    byNamespace[key.namespace]?.removeAll { $0 == key }
  }

  /// Records a NetworkPolicy object, or each item of a `NetworkPolicyList`; other kinds are
  /// ignored. Returns how many policies were read; unreadable ones go to `skipped`.
  @discardableResult
  public mutating func apply(_ object: JSONValue) -> Int {
    if let kind = object["kind"]?.string, kind.hasSuffix("List") {
      var count = 0
      for (index, item) in (object["items"]?.elements ?? []).enumerated() {
        count += applyOne(item, fallbackName: "item \(index)")
      }
      return count
    }
    return applyOne(object, fallbackName: "object")
  }

  /// Parses JSON text and applies it (see `apply(_:)`).
  @discardableResult
  public mutating func apply(json text: String) throws(NetworkPolicyDecodeError) -> Int {
    let document: JSONDocument
    do { document = try JSONDocument(parsing: text) } catch {
      throw NetworkPolicyDecodeError(.malformedJSON(error.description))
    }
    return apply(document.root)
  }

  /// Applies one object, reporting it as `fallbackName` when it has no name.
  mutating func applyOne(_ object: JSONValue, fallbackName: String) -> Int {
    if let kind = object["kind"]?.string, kind != "NetworkPolicy" { return 0 }
    do {
      insert(try NetworkPolicy(json: object))
      return 1
    } catch {
      let name = object["metadata"]?["name"]?.string
      let namespace = object["metadata"]?["namespace"]?.string ?? ""
      let label =
        name.map { ObjectKey(kind: "NetworkPolicy", namespace: namespace, name: $0).description }
        ?? fallbackName
      if let name {
        // A policy that no longer reads no longer applies.
        let key = ObjectKey(kind: "NetworkPolicy", namespace: namespace, name: name)
        if policies[key] != nil { delete(key) }
      }
      skippedObjects[label] = Skipped(object: label, reason: error)
      return 0
    }
  }

  /// The labels of a namespace, with `kubernetes.io/metadata.name` added when missing.
  public func labels(ofNamespace name: String) -> Labels {
    let labels = namespaceLabels[name] ?? .empty
    if labels[Self.namespaceNameLabel] != nil { return labels }
    var dictionary = labels.dictionary
    dictionary[Self.namespaceNameLabel] = name
    return Labels(dictionary)
  }

  /// The policies of `direction` that select `pod`, ordered by key.
  public func policies(
    selecting pod: NetworkPolicyEndpoint.Pod, for direction: NetworkPolicy.Direction
  )
    -> [NetworkPolicy]
  {
    (byNamespace[pod.namespace] ?? []).compactMap { policies[$0] }.filter {
      $0.directions.contains(direction) && $0.podSelector.matches(pod.labels)
    }
  }
}
