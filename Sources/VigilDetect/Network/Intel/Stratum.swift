/// Recognizes the stratum mining protocol in the first payload bytes a client sent: a JSON-RPC
/// line calling `mining.subscribe`, `mining.authorize` or `mining.extranonce.subscribe`
/// (stratum v1), or `login` with an `agent` (the XMRig / Monero pool dialect).
public enum Stratum {
  /// The methods that open a stratum v1 session.
  static let miningMethods: [[UInt8]] = [
    Array("mining.subscribe".utf8), Array("mining.authorize".utf8),
    Array("mining.extranonce.subscribe".utf8),
  ]

  /// Whether `firstBytes` (possibly cut short) starts a stratum session.
  public static func looksLikeStratum(firstBytes: some Collection<UInt8>) -> Bool {
    let bytes = Array(firstBytes.prefix(4096))
    var i = 0
    while i < bytes.count, TextFeedParser.isSpace(bytes[i]) || bytes[i] == 0x0A { i += 1 }
    guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return false }
    guard let method = stringValue(of: Array("\"method\"".utf8), in: bytes) else { return false }
    if miningMethods.contains(method) { return true }
    if method == Array("login".utf8) {
      return find(Array("\"agent\"".utf8), in: bytes, from: 0) != nil
    }
    return false
  }

  /// The string after `key` `:` (spaces allowed), without its quotes; nil if there is none.
  static func stringValue(of key: [UInt8], in bytes: [UInt8]) -> [UInt8]? {
    var from = 0
    while let at = find(key, in: bytes, from: from) {
      var i = at + key.count
      from = at + 1
      while i < bytes.count, TextFeedParser.isSpace(bytes[i]) || bytes[i] == 0x0A { i += 1 }
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { continue }
      i += 1
      while i < bytes.count, TextFeedParser.isSpace(bytes[i]) || bytes[i] == 0x0A { i += 1 }
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { continue }
      i += 1
      let start = i
      while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
      guard i < bytes.count else { return nil }
      return Array(bytes[start..<i])
    }
    return nil
  }

  /// The first offset of `needle` in `bytes` at or after `from`.
  static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
    guard !needle.isEmpty, bytes.count >= needle.count, from <= bytes.count - needle.count else {
      return nil
    }
    var i = from
    while i <= bytes.count - needle.count {
      if bytes[i] == needle[0] {
        var k = 1
        while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
        if k == needle.count { return i }
      }
      i += 1
    }
    return nil
  }
}
