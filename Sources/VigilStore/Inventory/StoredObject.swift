import VigilCore

/// One cluster object as imported: its kind, namespace (empty when cluster-scoped), name, and
/// the API JSON as the server returned it.
public struct StoredObject: Sendable, Hashable {
  /// The kind (`Service`).
  public var kind: String
  /// The namespace, or empty.
  public var namespace: String
  /// The name.
  public var name: String
  /// When it was imported.
  public var updated: Timestamp
  /// The object's JSON bytes.
  public var json: [UInt8]

  /// Creates a stored object.
  public init(kind: String, namespace: String, name: String, updated: Timestamp, json: [UInt8]) {
    self.kind = kind
    self.namespace = namespace
    self.name = name
    self.updated = updated
    self.json = json
  }
}
