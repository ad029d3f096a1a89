/// The parts of a Namespace that Vigil uses.
public struct NamespaceRecord: Sendable, Hashable {
  /// Name, uid, labels, times.
  public var metadata: ObjectMetadata
  /// Annotations (values longer than `NamespaceRecord.maxAnnotationLength` and
  /// `kubectl.kubernetes.io/last-applied-configuration` dropped).
  public var annotations: Labels

  /// The longest annotation value kept.
  public static let maxAnnotationLength = 256

  /// Creates a record.
  public init(metadata: ObjectMetadata, annotations: Labels = .empty) {
    self.metadata = metadata
    self.annotations = annotations
  }

  /// The namespace name.
  public var name: String { metadata.name }
}
