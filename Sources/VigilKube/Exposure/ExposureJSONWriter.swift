import VigilJSON

/// Appends JSON to a byte buffer: objects whose members are written in order, commas handled.
struct ExposureJSONWriter {
  /// The text so far.
  var bytes: [UInt8] = []
  /// Per open object or array: whether it has a member yet.
  private var hasMember: [Bool] = []

  /// Opens an object (as the value of `key` inside an object, or as an array element).
  mutating func open(_ key: String? = nil) { begin(key, 0x7B) }
  /// Opens an array.
  mutating func openArray(_ key: String? = nil) { begin(key, 0x5B) }
  /// Closes the innermost object.
  mutating func close() { end(0x7D) }
  /// Closes the innermost array.
  mutating func closeArray() { end(0x5D) }

  /// A string member (skipped when nil).
  mutating func string(_ key: String?, _ value: String?) {
    guard let value else { return }
    separate(key)
    JSONText.appendQuoted(value, to: &bytes)
  }

  /// An integer member (skipped when nil).
  mutating func int(_ key: String?, _ value: Int?) {
    guard let value else { return }
    separate(key)
    bytes += Array(String(value).utf8)
  }

  /// A boolean member (skipped when nil).
  mutating func bool(_ key: String?, _ value: Bool?) {
    guard let value else { return }
    separate(key)
    bytes += Array((value ? "true" : "false").utf8)
  }

  /// An array of strings (always written, `[]` when empty).
  mutating func strings(_ key: String, _ values: [String]) {
    openArray(key)
    for value in values { string(nil, value) }
    closeArray()
  }

  /// An object of strings with sorted keys.
  mutating func map(_ key: String, _ values: [String: String]) {
    open(key)
    for name in values.keys.sorted() { string(name, values[name]) }
    close()
  }

  /// The text.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  private mutating func begin(_ key: String?, _ byte: UInt8) {
    separate(key)
    bytes.append(byte)
    hasMember.append(false)
  }

  private mutating func end(_ byte: UInt8) {
    bytes.append(byte)
    hasMember.removeLast()
  }

  private mutating func separate(_ key: String?) {
    if let last = hasMember.last {
      if last { bytes.append(0x2C) }
      hasMember[hasMember.count - 1] = true
    }
    if let key {
      JSONText.appendQuoted(key, to: &bytes)
      bytes.append(0x3A)
    }
  }
}
