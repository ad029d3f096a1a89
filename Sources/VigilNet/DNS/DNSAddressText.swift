/// Text forms of the addresses in A and AAAA records.
enum DNSAddressText {
  /// Dotted quad: `1.2.3.4`. Expects 4 bytes.
  static func ipv4(_ bytes: ArraySlice<UInt8>) -> String {
    bytes.map { String($0) }.joined(separator: ".")
  }

  /// RFC 5952 text: lowercase hex, no leading zeros, the longest run (2+ groups) of zeros as `::`.
  /// Expects 16 bytes.
  static func ipv6(_ bytes: ArraySlice<UInt8>) -> String {
    var groups: [UInt16] = []
    var index = bytes.startIndex
    while index + 1 < bytes.endIndex {
      groups.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
      index += 2
    }
    var bestStart = -1
    var bestLength = 1
    var runStart = -1
    for (position, group) in groups.enumerated() {
      if group == 0 {
        if runStart < 0 { runStart = position }
        let length = position - runStart + 1
        if length > bestLength {
          bestStart = runStart
          bestLength = length
        }
      } else {
        runStart = -1
      }
    }
    let hex = groups.map { String($0, radix: 16) }
    guard bestStart >= 0 else { return hex.joined(separator: ":") }
    let head = hex[..<bestStart].joined(separator: ":")
    let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
    return head + "::" + tail
  }
}
