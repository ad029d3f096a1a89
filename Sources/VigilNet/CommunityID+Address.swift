extension CommunityID {
  /// The 4 bytes of a dotted-quad IPv4 address or the 16 bytes of an IPv6 address; nil if neither.
  static func addressBytes(_ text: String) -> [UInt8]? {
    let text = Substring(text)
    if !text.contains(":") { return ipv4Bytes(text) }
    return ipv6Bytes(text)
  }

  static func ipv4Bytes(_ text: Substring) -> [UInt8]? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var out: [UInt8] = []
    for part in parts {
      guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
        let value = UInt8(part)
      else { return nil }
      out.append(value)
    }
    return out
  }

  static func ipv6Bytes(_ text: Substring) -> [UInt8]? {
    var groups: [UInt16]
    if let gap = text.firstRange(of: "::") {
      guard let head = hexGroups(text[..<gap.lowerBound], lastMayBeIPv4: false),
        let tail = hexGroups(text[gap.upperBound...], lastMayBeIPv4: true),
        head.count + tail.count < 8
      else { return nil }
      groups = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
    } else {
      guard let all = hexGroups(text, lastMayBeIPv4: true), all.count == 8 else { return nil }
      groups = all
    }
    var out: [UInt8] = []
    out.reserveCapacity(16)
    for group in groups {
      out.append(UInt8(group >> 8))
      out.append(UInt8(truncatingIfNeeded: group))
    }
    return out
  }

  /// `a:b:c` as 16-bit groups (a trailing dotted quad counts as two); nil if malformed.
  private static func hexGroups(_ text: Substring, lastMayBeIPv4: Bool) -> [UInt16]? {
    if text.isEmpty { return [] }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    var groups: [UInt16] = []
    for (index, part) in parts.enumerated() {
      if lastMayBeIPv4, index == parts.count - 1, part.contains(".") {
        guard let quad = ipv4Bytes(part) else { return nil }
        groups.append(UInt16(quad[0]) << 8 | UInt16(quad[1]))
        groups.append(UInt16(quad[2]) << 8 | UInt16(quad[3]))
        continue
      }
      guard !part.isEmpty, part.count <= 4, part.allSatisfy(\.isHexDigit),
        let value = UInt16(part, radix: 16)
      else { return nil }
      groups.append(value)
    }
    return groups.count <= 8 ? groups : nil
  }
}
