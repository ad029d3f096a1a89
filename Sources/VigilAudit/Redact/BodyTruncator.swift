import VigilJSON

/// Drops the request and response bodies of an oversized event, keeping its metadata.
enum BodyTruncator {
  /// The members of a native event that carry bodies.
  static let bodyKeys: Set<String> = ["requestObject", "responseObject"]

  /// The event without its bodies; nil when the root is not an object or rebuilding fails.
  static func metadataOnly(_ document: JSONDocument) -> JSONDocument? {
    let root = document.root
    guard root.kind == .object else { return nil }
    var writer = JSONObjectWriter(capacity: 4096)
    root.forEachMember { key, value in
      guard !bodyKeys.contains(key) else { return }
      writer.raw(key, value.rawBytes)
    }
    return try? JSONDocument(parsing: writer.finish())
  }
}
