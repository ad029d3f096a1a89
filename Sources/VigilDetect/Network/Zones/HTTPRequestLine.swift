/// The request line of an HTTP/1.x request (`GET /index.html HTTP/1.1`) and its `Host` header,
/// read from the first payload bytes of a connection where the agent captures them. A capture
/// cut short inside the request line still counts when what is there is a valid prefix of one.
public struct HTTPRequestLine: Sendable, Hashable {
  /// The method (`GET`).
  public var method: String
  /// The request target (`/index.html`, `http://example.com/`, `example.com:443`).
  public var target: String
  /// The version (`HTTP/1.1`), nil when the bytes end before it.
  public var version: String?
  /// The `Host` header's value, when present in the bytes.
  public var host: String?

  /// The methods recognized (RFC 9110 and WebDAV's common ones).
  public static let methods: Set<String> = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PROPFIND",
    "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "SEARCH",
  ]
  /// How many bytes are looked at, at most.
  public static let maxScanned = 4096

  /// Whether `firstBytes` open an HTTP/1.x request.
  public static func looksLikeHTTP(firstBytes: some Collection<UInt8>) -> Bool {
    HTTPRequestLine(firstBytes: firstBytes) != nil
  }

  /// Reads the request line (and `Host`) from `firstBytes`; nil when they are not HTTP.
  public init?(firstBytes: some Collection<UInt8>) {
    let bytes = Array(firstBytes.prefix(Self.maxScanned))
    var i = 0
    while i < bytes.count, i < 10, bytes[i] >= 0x41, bytes[i] <= 0x5A { i += 1 }
    guard i >= 3, i < bytes.count, bytes[i] == 0x20 else { return nil }
    let method = String(decoding: bytes[0..<i], as: UTF8.self)
    guard Self.methods.contains(method) else { return nil }
    i += 1
    let targetStart = i
    while i < bytes.count, bytes[i] > 0x20, bytes[i] < 0x7F { i += 1 }
    guard i > targetStart else { return nil }
    let target = String(decoding: bytes[targetStart..<i], as: UTF8.self)
    guard Self.isTarget(target, method: method) else { return nil }
    self.method = method
    self.target = target
    self.host = nil
    self.version = nil
    if i == bytes.count { return }  // cut short inside the target
    guard bytes[i] == 0x20 else { return nil }
    i += 1
    let versionStart = i
    while i < bytes.count, bytes[i] != 0x0D, bytes[i] != 0x0A { i += 1 }
    let version = Array(bytes[versionStart..<i])
    let expected = Array("HTTP/1.".utf8)
    if version.count <= expected.count {
      guard version == Array(expected.prefix(version.count)), i == bytes.count else { return nil }
      return
    }
    guard Array(version.prefix(expected.count)) == expected, version.count == expected.count + 1,
      (0x30...0x39).contains(version[expected.count])
    else { return nil }
    self.version = String(decoding: version, as: UTF8.self)
    host = Self.hostHeader(bytes, from: i)
  }

  /// An origin form (`/…`), an absolute form (`http://…`), `*` (OPTIONS) or an authority
  /// (CONNECT).
  static func isTarget(_ target: String, method: String) -> Bool {
    if target.hasPrefix("/") { return true }
    let lower = target.lowercased()
    if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return true }
    if target == "*" { return method == "OPTIONS" }
    return method == "CONNECT"
  }

  /// The `Host` header's value among the header lines starting at `start` (after the request
  /// line), up to the blank line.
  static func hostHeader(_ bytes: [UInt8], from start: Int) -> String? {
    var lineStart = start
    while lineStart < bytes.count {
      while lineStart < bytes.count, bytes[lineStart] == 0x0D || bytes[lineStart] == 0x0A {
        // A blank line (CRLF right after CRLF) ends the headers.
        if lineStart >= 2, bytes[lineStart] == 0x0D, bytes[lineStart - 1] == 0x0A { return nil }
        lineStart += 1
      }
      var end = lineStart
      while end < bytes.count, bytes[end] != 0x0D, bytes[end] != 0x0A { end += 1 }
      let line = bytes[lineStart..<end]
      if line.count > 5,
        String(decoding: line.prefix(5), as: UTF8.self).lowercased() == "host:"
      {
        let value = String(decoding: line.dropFirst(5), as: UTF8.self)
          .trimmed(of: " \t")
        return value.isEmpty ? nil : value
      }
      if end == bytes.count { return nil }
      lineStart = end
    }
    return nil
  }
}

extension String {
  /// The string without leading and trailing characters of `set`.
  fileprivate func trimmed(of set: String) -> String {
    var slice = Substring(self)
    while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
    return String(slice)
  }
}
