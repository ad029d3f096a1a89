/// Parsing IPv4 and IPv6 text without Foundation.
extension IPAddress {
  /// Parses `10.244.1.5`, `fd00:10:244::5`, `::ffff:10.0.0.1`; nil when malformed.
  public init?(_ text: String) {
    var text = text
    guard let parsed = text.withUTF8({ IPAddress.parse($0) }) else { return nil }
    self = parsed
  }

  /// Parses UTF-8 address text; nil when malformed.
  public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    guard let parsed = IPAddress.parse(bytes) else { return nil }
    self = parsed
  }

  static func parse(_ b: UnsafeBufferPointer<UInt8>) -> IPAddress? {
    if b.isEmpty || b.count > 45 { return nil }
    var hasColon = false
    for c in b where c == 0x3A {
      hasColon = true
      break
    }
    if !hasColon { return parseIPv4(b[...]).map { IPAddress(ipv4: $0) } }
    return parseIPv6(b)
  }

  /// Four decimal octets, no leading zeros beyond a single `0`.
  static func parseIPv4(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
    var value: UInt32 = 0
    var octet: UInt32 = 0
    var digits = 0
    var dots = 0
    var leadingZero = false
    for c in b {
      if c == 0x2E {
        guard digits > 0 else { return nil }
        value = value << 8 | octet
        octet = 0
        digits = 0
        dots += 1
        leadingZero = false
        continue
      }
      let d = c &- 0x30
      guard d <= 9, digits < 3, !leadingZero else { return nil }
      if digits == 0, d == 0 { leadingZero = true }
      octet = octet * 10 + UInt32(d)
      guard octet <= 255 else { return nil }
      digits += 1
    }
    guard dots == 3, digits > 0 else { return nil }
    return value << 8 | octet
  }

  /// Up to eight hex groups with at most one `::`, optionally ending in a dotted IPv4 part.
  static func parseIPv6(_ b: UnsafeBufferPointer<UInt8>) -> IPAddress? {
    var head: [UInt16] = []
    var tail: [UInt16] = []
    head.reserveCapacity(8)
    var sawDoubleColon = false
    var i = 0
    let n = b.count
    if n >= 2, b[0] == 0x3A, b[1] == 0x3A {
      sawDoubleColon = true
      i = 2
    } else if n >= 1, b[0] == 0x3A {
      return nil
    }
    while i < n {
      // Dotted IPv4 suffix.
      var j = i
      var isDotted = false
      while j < n, b[j] != 0x3A {
        if b[j] == 0x2E { isDotted = true }
        j += 1
      }
      if isDotted {
        guard j == n, let v4 = parseIPv4(b[i..<n]) else { return nil }
        let parts = [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
        if sawDoubleColon { tail += parts } else { head += parts }
        i = n
        break
      }
      guard j > i, j - i <= 4 else { return nil }
      var group: UInt16 = 0
      for k in i..<j {
        let c = b[k] | 0x20
        let d: UInt8
        if c >= 0x30, c <= 0x39 {
          d = c - 0x30
        } else if c >= 0x61, c <= 0x66 {
          d = c - 0x61 + 10
        } else {
          return nil
        }
        group = group << 4 | UInt16(d)
      }
      if sawDoubleColon { tail.append(group) } else { head.append(group) }
      i = j
      if i < n {
        // At a colon.
        if i + 1 < n, b[i + 1] == 0x3A {
          guard !sawDoubleColon else { return nil }
          sawDoubleColon = true
          i += 2
        } else {
          i += 1
          guard i < n else { return nil }
        }
      }
    }
    let total = head.count + tail.count
    if sawDoubleColon {
      guard total <= 7 else { return nil }
    } else {
      guard total == 8 else { return nil }
    }
    var all = head
    all += repeatElement(0, count: 8 - total)
    all += tail
    var high: UInt64 = 0
    var low: UInt64 = 0
    for k in 0..<4 { high = high << 16 | UInt64(all[k]) }
    for k in 4..<8 { low = low << 16 | UInt64(all[k]) }
    return IPAddress(high: high, low: low)
  }
}
