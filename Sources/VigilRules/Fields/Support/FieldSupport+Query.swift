/// The query string of a request URI, decoded like Go's `url.ParseQuery` (which Falco's
/// k8saudit plugin uses for `ka.uri.param[…]`), without Foundation.
extension FieldSupport {
  /// All `(key, value)` pairs of `uri`'s query in order, URL-decoded (`+` is a space); nil when
  /// a pair is malformed (a bad `%` escape or a `;`), as Go rejects the whole query then.
  static func queryPairs(_ uri: String) -> [(key: String, value: String)]? {
    guard uri.utf8.contains(UInt8(ascii: "?")) else { return [] }
    let bytes = Array(uri.utf8)
    guard let question = bytes.firstIndex(of: UInt8(ascii: "?")) else { return [] }
    var end = bytes.count
    if let hash = bytes[(question + 1)...].firstIndex(of: UInt8(ascii: "#")) { end = hash }
    var pairs: [(key: String, value: String)] = []
    var start = question + 1
    while start <= end {
      var stop = start
      while stop < end && bytes[stop] != UInt8(ascii: "&") { stop += 1 }
      if stop > start {
        let part = bytes[start..<stop]
        if part.contains(UInt8(ascii: ";")) { return nil }
        let equals = part.firstIndex(of: UInt8(ascii: "="))
        let rawKey = part[part.startIndex..<(equals ?? part.endIndex)]
        let rawValue = equals.map { part[($0 + 1)..<part.endIndex] } ?? []
        guard let key = unescape(rawKey), let value = unescape(rawValue) else { return nil }
        pairs.append((key, value))
      }
      start = stop + 1
    }
    return pairs
  }

  /// The values of query parameter `name`, in order; nil when the query is malformed.
  ///
  /// Same result as filtering `queryPairs`, without decoding the pairs of other keys: those
  /// are only checked for the escapes that make Go reject the query.
  static func queryValues(_ uri: String, named name: String) -> [String]? {
    var uri = uri
    let asciiName = name.utf8.allSatisfy { $0 < 0x80 }
    return uri.withUTF8 { bytes -> [String]? in
      guard let question = bytes.firstIndex(of: UInt8(ascii: "?")) else { return [] }
      var end = bytes.count
      if let hash = bytes[(question + 1)...].firstIndex(of: UInt8(ascii: "#")) { end = hash }
      var out: [String] = []
      var start = question + 1
      while start <= end {
        var stop = start
        while stop < end && bytes[stop] != UInt8(ascii: "&") { stop += 1 }
        if stop > start {
          let part = bytes[start..<stop]
          if part.contains(UInt8(ascii: ";")) { return nil }
          let equals = part.firstIndex(of: UInt8(ascii: "=")) ?? part.endIndex
          let rawKey = bytes[part.startIndex..<equals]
          let rawValue = bytes[min(equals + 1, part.endIndex)..<part.endIndex]
          guard isValidEscaping(rawKey), isValidEscaping(rawValue) else { return nil }
          if keyMatches(rawKey, name, asciiName: asciiName) {
            guard let value = unescape(ArraySlice(rawValue)) else { return nil }
            out.append(value)
          }
        }
        start = stop + 1
      }
      return out
    }
  }

  /// Whether `unescape` accepts the bytes (every `%` starts a two-hex-digit escape).
  private static func isValidEscaping(_ raw: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    var i = raw.startIndex
    while i < raw.endIndex {
      if raw[i] == UInt8(ascii: "%") {
        guard i + 2 < raw.endIndex, hexValue(raw[i + 1]) != nil, hexValue(raw[i + 2]) != nil
        else { return false }
        i += 3
      } else {
        i += 1
      }
    }
    return true
  }

  /// Whether a raw (escaped) key decodes to a string equal to `name`: plain ASCII keys compare
  /// by bytes with an ASCII name, anything else is decoded and compared as strings.
  private static func keyMatches(
    _ raw: Slice<UnsafeBufferPointer<UInt8>>, _ name: String, asciiName: Bool
  ) -> Bool {
    if asciiName,
      !raw.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") })
    {
      return raw.elementsEqual(name.utf8)
    }
    return unescape(ArraySlice(raw)) == name
  }

  /// `%XX` → byte, `+` → space; nil on a bad escape.
  static func unescape(_ raw: ArraySlice<UInt8>) -> String? {
    guard raw.contains(UInt8(ascii: "%")) || raw.contains(UInt8(ascii: "+")) else {
      return String(decoding: raw, as: UTF8.self)
    }
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = raw.startIndex
    while i < raw.endIndex {
      let c = raw[i]
      if c == UInt8(ascii: "+") {
        out.append(UInt8(ascii: " "))
        i += 1
      } else if c == UInt8(ascii: "%") {
        guard i + 2 < raw.endIndex,
          let high = hexValue(raw[i + 1]), let low = hexValue(raw[i + 2])
        else { return nil }
        out.append(high << 4 | low)
        i += 3
      } else {
        out.append(c)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The value of one hex digit.
  private static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
