/// One parsed and validated JSON text with its index; values are read on demand.
public struct JSONDocument: Sendable {
  let storage: JSONStorage

  init(storage: JSONStorage) {
    self.storage = storage
  }

  /// Parses and validates `bytes` (one JSON text; leading/trailing whitespace allowed), building the index.
  public init(parsing bytes: [UInt8]) throws(JSONParseError) {
    var indexer = JSONIndexer()
    self = try indexer.parse(bytes)
  }

  /// Parses a copy of `bytes`.
  public init(parsing bytes: UnsafeRawBufferPointer) throws(JSONParseError) {
    try self.init(parsing: [UInt8](bytes))
  }

  /// Parses the UTF-8 of `text`.
  public init(parsing text: String) throws(JSONParseError) {
    try self.init(parsing: [UInt8](text.utf8))
  }

  /// The document's bytes.
  public var bytes: [UInt8] { storage.bytes }

  /// The top-level value.
  public var root: JSONValue { JSONValue(storage: storage, index: 0) }

  /// Whether any string or object key in the document is written with a backslash escape
  /// (`\n`, `\u0041` …); when false, every string's decoded text is its source bytes.
  public var hasEscapedStrings: Bool { storage.hasEscapes }

  /// Number of index entries (values plus object keys); a measure of the document's size.
  public var nodeCount: Int { storage.count }
}
