/// One `metadata.ownerReferences` entry: who owns an object.
public struct OwnerReference: Sendable, Hashable, CustomStringConvertible {
  /// The owner's kind (`ReplicaSet`, `Job`, `Node`).
  public var kind: String
  /// The owner's name (same namespace as the object).
  public var name: String
  /// The owner's uid.
  public var uid: String
  /// Whether this owner is the managing controller (`controller: true`).
  public var isController: Bool

  /// Creates a reference.
  public init(kind: String, name: String, uid: String, isController: Bool) {
    self.kind = kind
    self.name = name
    self.uid = uid
    self.isController = isController
  }

  /// `ReplicaSet api-7d9f8b6c5d`.
  public var description: String { "\(kind) \(name)" }
}

extension Array where Element == OwnerReference {
  /// The controlling owner, else the first owner.
  public var controller: OwnerReference? { first(where: \.isController) ?? first }
}
