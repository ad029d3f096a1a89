import VigilCore

/// The parts of `metadata` that Vigil keeps for every object.
public struct ObjectMetadata: Sendable, Hashable {
  /// The namespace; empty for cluster-scoped objects.
  public var namespace: String
  /// The name.
  public var name: String
  /// The uid.
  public var uid: String
  /// The labels.
  public var labels: Labels
  /// The owners.
  public var ownerReferences: [OwnerReference]
  /// `metadata.creationTimestamp`.
  public var created: Timestamp?
  /// `metadata.deletionTimestamp` (set while the object is terminating).
  public var deleting: Timestamp?

  /// Creates metadata.
  public init(
    namespace: String, name: String, uid: String = "", labels: Labels = .empty,
    ownerReferences: [OwnerReference] = [], created: Timestamp? = nil, deleting: Timestamp? = nil
  ) {
    self.namespace = namespace
    self.name = name
    self.uid = uid
    self.labels = labels
    self.ownerReferences = ownerReferences
    self.created = created
    self.deleting = deleting
  }
}
