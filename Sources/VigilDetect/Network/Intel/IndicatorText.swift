import VigilKube

/// Reads one indicator written as text, whatever the feed format: an address, a CIDR range, a
/// domain (a leading `*.` or `.` means "and everything under it", which is how domains always
/// match) or a URL (its host is what matches).
public enum IndicatorText {
  /// What a token is, normalized, or why it is not an indicator.
  public enum Reading: Sendable, Hashable {
    /// A readable indicator: kind, normalized value, and the host of a URL.
    case indicator(Indicator.Kind, value: String, host: String?)
    /// Not one.
    case invalid(FeedProblem.Code)
  }

  /// Classifies `text`, auto-detecting its kind.
  public static func classify(_ text: String) -> Reading {
    var text = text
    return text.withUTF8 { classify(utf8: $0) }
  }

  /// Classifies the bytes of one token.
  public static func classify(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Reading {
    guard !bytes.isEmpty else { return .invalid(.unrecognizedIndicator) }
    guard bytes.count <= 4096 else { return .invalid(.unrecognizedIndicator) }
    if let scheme = schemeEnd(bytes) { return url(bytes, hostStart: scheme) }
    if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
      guard let (address, prefix) = cidr(bytes, slash: slash) else {
        return .invalid(.invalidCIDR)
      }
      let network = address.masked(to: prefix)
      return .indicator(.cidr, value: "\(text(network))/\(prefix)", host: nil)
    }
    if let address = IPAddressValue(utf8: bytes) {
      return .indicator(address.isIPv6 ? .ipv6 : .ipv4, value: text(address), host: nil)
    }
    if looksNumeric(bytes) { return .invalid(.invalidAddress) }
    guard let name = domain(bytes) else { return .invalid(.invalidDomain) }
    return .indicator(.domain, value: name, host: nil)
  }

  /// `198.51.100.0/24` as its address and prefix length; nil if malformed.
  public static func cidr(_ text: String) -> (IPAddressValue, Int)? {
    var text = text
    return text.withUTF8 { bytes in
      guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
      return cidr(bytes, slash: slash)
    }
  }

  static func cidr(_ bytes: UnsafeBufferPointer<UInt8>, slash: Int) -> (IPAddressValue, Int)? {
    guard slash > 0, slash + 1 < bytes.count, bytes.count - slash - 1 <= 3,
      let address = IPAddressValue(utf8: UnsafeBufferPointer(rebasing: bytes[..<slash]))
    else { return nil }
    var prefix = 0
    for byte in bytes[(slash + 1)...] {
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      prefix = prefix * 10 + Int(byte - 0x30)
    }
    guard prefix <= address.bitWidth else { return nil }
    return (address, prefix)
  }

  /// A domain name normalized: lowercase, no trailing dot, no leading `*.` or `.`; letters,
  /// digits, `-` and `_` in labels of 1–63 bytes, at least two labels, at most 253 bytes.
  public static func domain(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var start = 0
    var end = bytes.count
    if end >= 2, bytes[0] == UInt8(ascii: "*"), bytes[1] == UInt8(ascii: ".") { start = 2 }
    while start < end, bytes[start] == UInt8(ascii: ".") { start += 1 }
    while end > start, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
    guard end > start, end - start <= 253 else { return nil }
    var labels = 1
    var labelLength = 0
    var out = [UInt8]()
    out.reserveCapacity(end - start)
    for i in start..<end {
      let byte = IndicatorSet.lower(bytes[i])
      switch byte {
      case UInt8(ascii: "."):
        guard labelLength > 0 else { return nil }
        labels += 1
        labelLength = 0
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "_"):
        labelLength += 1
        guard labelLength <= 63 else { return nil }
      default:
        return nil
      }
      out.append(byte)
    }
    guard labels >= 2, labelLength > 0 else { return nil }
    return String(decoding: out, as: UTF8.self)
  }

  /// The offset just past `scheme://` when `bytes` starts with a URL scheme.
  static func schemeEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    while i < bytes.count, i < 16 {
      let byte = IndicatorSet.lower(bytes[i])
      if byte == UInt8(ascii: ":") {
        guard i > 0, i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "/"),
          bytes[i + 2] == UInt8(ascii: "/")
        else { return nil }
        return i + 3
      }
      let isSchemeByte =
        (byte >= 0x61 && byte <= 0x7A) || (i > 0 && (byte == 0x2B || byte == 0x2D || byte == 0x2E))
        || (i > 0 && byte >= 0x30 && byte <= 0x39)
      guard isSchemeByte else { return nil }
      i += 1
    }
    return nil
  }

  /// A URL indicator: the host between `scheme://[userinfo@]` and the port, path, query or
  /// fragment (IPv6 in brackets).
  static func url(_ bytes: UnsafeBufferPointer<UInt8>, hostStart: Int) -> Reading {
    var start = hostStart
    var end = bytes.count
    for i in hostStart..<bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
        end = i
        break
      }
    }
    if let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")) { start = at + 1 }
    guard start < end else { return .invalid(.invalidURL) }
    let hostBytes: UnsafeBufferPointer<UInt8>
    if bytes[start] == UInt8(ascii: "[") {
      guard let close = bytes[start..<end].firstIndex(of: UInt8(ascii: "]")), close > start + 1
      else { return .invalid(.invalidURL) }
      hostBytes = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<close])
    } else {
      let colon = bytes[start..<end].firstIndex(of: UInt8(ascii: ":")) ?? end
      hostBytes = UnsafeBufferPointer(rebasing: bytes[start..<colon])
    }
    let value = String(decoding: bytes, as: UTF8.self)
    if let address = IPAddressValue(utf8: hostBytes) {
      return .indicator(.url, value: value, host: text(address))
    }
    guard let host = domain(hostBytes) else { return .invalid(.invalidURL) }
    return .indicator(.url, value: value, host: host)
  }

  /// Digits and dots only (or hex and colons): meant as an address, so not read as a domain.
  static func looksNumeric(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var hasColon = false
    var allDigitsAndDots = true
    for byte in bytes {
      if byte == UInt8(ascii: ":") { hasColon = true }
      if !(byte == UInt8(ascii: ".") || (byte >= 0x30 && byte <= 0x39)) { allDigitsAndDots = false }
    }
    return hasColon || allDigitsAndDots
  }

  /// The canonical text of an address: dotted quad, or RFC 5952 IPv6 (VigilKube's `IPAddress`
  /// formatting).
  public static func text(_ address: IPAddressValue) -> String {
    address.isIPv6
      ? IPAddress(high: address.high, low: address.low).description
      : IPAddress(ipv4: UInt32(truncatingIfNeeded: address.low)).description
  }
}
