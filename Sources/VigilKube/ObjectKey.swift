/// One Kubernetes object by kind, namespace (empty for cluster-scoped kinds) and name.
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The kind (`Service`, `ClusterRole`).
  public var kind: String
  /// The namespace; empty for cluster-scoped objects.
  public var namespace: String
  /// The name.
  public var name: String

  /// Creates a key.
  public init(kind: String, namespace: String = "", name: String) {
    self.kind = kind
    self.namespace = namespace
    self.name = name
  }

  /// `Service payments/db`, `ClusterRole cluster-admin`.
  public var description: String {
    namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)"
  }

  /// Ordered by kind, namespace, name.
  public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
    (lhs.kind, lhs.namespace, lhs.name) < (rhs.kind, rhs.namespace, rhs.name)
  }
}
