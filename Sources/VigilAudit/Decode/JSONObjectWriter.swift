import VigilJSON

/// Builds one JSON object's text member by member, with correct escaping (used to normalize GKE
/// entries to native events and to drop bodies from oversized events).
struct JSONObjectWriter {
  /// The text so far.
  private(set) var bytes: [UInt8]
  private var empty = true

  /// Starts an object (`{`).
  init(capacity: Int = 512) {
    bytes = []
    bytes.reserveCapacity(capacity)
    bytes.append(0x7B)
  }

  /// Writes `"key":`, with a comma before it when needed.
  mutating func key(_ key: String) {
    if !empty { bytes.append(0x2C) }
    empty = false
    JSONText.appendQuoted(key, to: &bytes)
    bytes.append(0x3A)
  }

  /// A string member; nothing when `value` is nil.
  mutating func string(_ key: String, _ value: String?) {
    guard let value else { return }
    self.key(key)
    JSONText.appendQuoted(value, to: &bytes)
  }

  /// An integer member.
  mutating func int(_ key: String, _ value: Int) {
    self.key(key)
    bytes.append(contentsOf: String(value).utf8)
  }

  /// A member whose value is already valid JSON text; nothing when nil.
  mutating func raw<Bytes: Sequence<UInt8>>(_ key: String, _ value: Bytes?) {
    guard let value else { return }
    self.key(key)
    bytes.append(contentsOf: value)
  }

  /// An array of strings.
  mutating func strings(_ key: String, _ values: [String]) {
    self.key(key)
    bytes.append(0x5B)
    for (i, value) in values.enumerated() {
      if i > 0 { bytes.append(0x2C) }
      JSONText.appendQuoted(value, to: &bytes)
    }
    bytes.append(0x5D)
  }

  /// A nested object built by `body`.
  mutating func object(_ key: String, _ body: (inout JSONObjectWriter) -> Void) {
    var inner = JSONObjectWriter(capacity: 128)
    body(&inner)
    raw(key, inner.finish())
  }

  /// The finished text (`}` appended).
  func finish() -> [UInt8] {
    var out = bytes
    out.append(0x7D)
    return out
  }
}
