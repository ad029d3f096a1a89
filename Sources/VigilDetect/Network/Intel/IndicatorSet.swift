/// Indicators ready for matching at flow rate: addresses and ranges in one table keyed by
/// (masked address, prefix length), probed from the longest prefix present down (longest-prefix
/// match, a handful of hash probes); domains in a table keyed by a hash of the reversed name, so
/// one right-to-left pass over a name probes it and each of its parents (`a.b.evil.example`,
/// `b.evil.example`, `evil.example`, `example`) without allocating. Indicators listed under the
/// same key by several feeds are chained, and all are reported.
public struct IndicatorSet: Sendable {
  struct Entry: Sendable {
    var indicator: Indicator
    /// The next entry with the same key, or -1.
    var next: Int32
  }

  struct PrefixKey: Sendable, Hashable {
    var address: IPAddressValue
    var prefix: UInt8
  }

  private(set) var entries: [Entry] = []
  private var addresses: [PrefixKey: Int32] = [:]
  private var domains: [UInt64: Int32] = [:]
  /// Prefix lengths present, longest first.
  private var ipv4Prefixes: [Int] = []
  private var ipv6Prefixes: [Int] = []

  /// Creates an empty set.
  public init() {}

  /// Creates a set holding `indicators`.
  public init(_ indicators: some Sequence<Indicator>) {
    insert(contentsOf: indicators)
  }

  /// The number of indicators held (duplicates within a feed are held once).
  public var count: Int { entries.count }

  /// Whether it holds nothing.
  public var isEmpty: Bool { entries.isEmpty }

  /// Adds indicators.
  public mutating func insert(contentsOf indicators: some Sequence<Indicator>) {
    for indicator in indicators { insert(indicator) }
  }

  /// Adds one indicator; false if it cannot be matched (an unreadable value) or the same feed
  /// already listed it.
  @discardableResult
  public mutating func insert(_ indicator: Indicator) -> Bool {
    switch indicator.kind {
    case .ipv4, .ipv6:
      guard let address = IPAddressValue(indicator.value) else { return false }
      return insertAddress(address, prefix: address.bitWidth, indicator)
    case .cidr:
      guard let (address, prefix) = IndicatorText.cidr(indicator.value) else { return false }
      return insertAddress(address.masked(to: prefix), prefix: prefix, indicator)
    case .domain:
      return insertDomain(indicator.value, indicator)
    case .url:
      guard let host = indicator.host else { return false }
      if let address = IPAddressValue(host) {
        return insertAddress(address, prefix: address.bitWidth, indicator)
      }
      return insertDomain(host, indicator)
    }
  }

  private mutating func insertAddress(
    _ address: IPAddressValue, prefix: Int, _ indicator: Indicator
  ) -> Bool {
    let key = PrefixKey(address: address, prefix: UInt8(prefix))
    let head = addresses[key] ?? -1
    guard !chain(from: head, holds: indicator) else { return false }
    addresses[key] = append(indicator, next: head)
    if address.isIPv6 {
      if !ipv6Prefixes.contains(prefix) {
        ipv6Prefixes.append(prefix)
        ipv6Prefixes.sort(by: >)
      }
    } else if !ipv4Prefixes.contains(prefix) {
      ipv4Prefixes.append(prefix)
      ipv4Prefixes.sort(by: >)
    }
    return true
  }

  private mutating func insertDomain(_ name: String, _ indicator: Indicator) -> Bool {
    var name = name
    let hash = name.withUTF8 { Self.reversedHash($0) }
    let head = domains[hash] ?? -1
    guard !chain(from: head, holds: indicator) else { return false }
    domains[hash] = append(indicator, next: head)
    return true
  }

  private mutating func append(_ indicator: Indicator, next: Int32) -> Int32 {
    entries.append(Entry(indicator: indicator, next: next))
    return Int32(entries.count - 1)
  }

  private func chain(from head: Int32, holds indicator: Indicator) -> Bool {
    var index = head
    while index >= 0 {
      let entry = entries[Int(index)]
      if entry.indicator.feed == indicator.feed && entry.indicator.value == indicator.value {
        return true
      }
      index = entry.next
    }
    return false
  }

  /// The most specific indicator holding `address` (an exact address before the narrowest
  /// range), or nil.
  public func match(ip text: String) -> IndicatorMatch? {
    guard !addresses.isEmpty, let address = IPAddressValue(text) else { return nil }
    guard let head = matchHead(address) else { return nil }
    return report(head, matched: text)
  }

  /// The entry chain of the longest prefix holding `address`.
  func matchHead(_ address: IPAddressValue) -> Int32? {
    let prefixes = address.isIPv6 ? ipv6Prefixes : ipv4Prefixes
    for prefix in prefixes {
      let key = PrefixKey(address: address.masked(to: prefix), prefix: UInt8(prefix))
      if let head = addresses[key] { return head }
    }
    return nil
  }

  /// The most specific domain indicator equal to `name` or a parent of it (case and a trailing
  /// dot ignored), or nil.
  public func match(domain name: String) -> IndicatorMatch? {
    guard !domains.isEmpty else { return nil }
    var name = name
    guard let head = name.withUTF8({ matchDomainHead($0) }) else { return nil }
    return report(head, matched: name)
  }

  /// One right-to-left pass: at each label boundary the hash covers that suffix.
  func matchDomainHead(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    var end = bytes.count
    while end > 0, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
    guard end > 0 else { return nil }
    var hash = Self.seed
    var best: Int32?
    var i = end - 1
    while true {
      let byte = Self.lower(bytes[i])
      if byte == UInt8(ascii: ".") {
        if i + 1 < end, let head = verified(hash, bytes, from: i + 1, to: end) { best = head }
      }
      hash = (hash ^ UInt64(byte)) &* Self.prime
      if i == 0 { break }
      i -= 1
    }
    if let head = verified(hash, bytes, from: 0, to: end) { best = head }
    return best
  }

  /// The chain under `hash` whose first domain equals `bytes[from..<to]` (case-insensitively).
  private func verified(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int)
    -> Int32?
  {
    guard let head = domains[hash] else { return nil }
    let entry = entries[Int(head)]
    var key = entry.indicator.host ?? entry.indicator.value
    let equal = key.withUTF8 { stored -> Bool in
      guard stored.count == to - from else { return false }
      for k in 0..<stored.count where stored[k] != Self.lower(bytes[from + k]) { return false }
      return true
    }
    return equal ? head : nil
  }

  private func report(_ head: Int32, matched: String) -> IndicatorMatch {
    let first = entries[Int(head)].indicator
    var others: [String] = []
    var index = entries[Int(head)].next
    while index >= 0 {
      let feed = entries[Int(index)].indicator.feed
      if feed != first.feed && !others.contains(feed) { others.append(feed) }
      index = entries[Int(index)].next
    }
    return IndicatorMatch(indicator: first, matched: matched, alsoListedBy: others)
  }

  /// Every indicator (insertion order).
  public var indicators: [Indicator] { entries.map(\.indicator) }

  static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x0000_0100_0000_01b3

  @inline(__always)
  static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  /// FNV-1a over the lowercased bytes from last to first.
  static func reversedHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash = seed
    var i = bytes.count
    while i > 0 {
      i -= 1
      hash = (hash ^ UInt64(lower(bytes[i]))) &* prime
    }
    return hash
  }
}
