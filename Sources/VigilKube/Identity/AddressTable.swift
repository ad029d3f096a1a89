/// IP address → Int32 with open addressing and a multiplicative hash: one multiply and, most of
/// the time, one probe per lookup (a `Dictionary` spends most of a lookup in SipHash). Entries
/// are only added or updated, never removed.
struct AddressTable: Sendable {
  private var highs: [UInt64]
  private var lows: [UInt64]
  /// -1 marks an empty slot.
  private var values: [Int32]
  private var mask: Int
  /// Number of entries.
  private(set) var count = 0

  init() {
    highs = Array(repeating: 0, count: 16)
    lows = Array(repeating: 0, count: 16)
    values = Array(repeating: -1, count: 16)
    mask = 15
  }

  @inline(__always)
  private static func slot(_ key: IPAddress, _ mask: Int) -> Int {
    let mixed = (key.low ^ key.high &* 0xC2B2_AE3D_27D4_EB4F) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: mixed >> 32) & mask
  }

  /// The value for `key`.
  @inline(__always)
  subscript(key: IPAddress) -> Int32? {
    highs.withUnsafeBufferPointer { h in
      lows.withUnsafeBufferPointer { l in
        values.withUnsafeBufferPointer { v -> Int32? in
          var i = Self.slot(key, mask)
          while true {
            let value = v[i]
            if value < 0 { return nil }
            if l[i] == key.low && h[i] == key.high { return value }
            i = (i + 1) & mask
          }
        }
      }
    }
  }

  /// Sets the value for `key` (values must not be negative).
  mutating func set(_ key: IPAddress, _ value: Int32) {
    if (count + 1) * 4 > (mask + 1) * 3 { grow() }
    var i = Self.slot(key, mask)
    while values[i] >= 0 {
      if lows[i] == key.low && highs[i] == key.high {
        values[i] = value
        return
      }
      i = (i + 1) & mask
    }
    highs[i] = key.high
    lows[i] = key.low
    values[i] = value
    count += 1
  }

  private mutating func grow() {
    let oldHighs = highs
    let oldLows = lows
    let oldValues = values
    let capacity = (mask + 1) * 2
    highs = Array(repeating: 0, count: capacity)
    lows = Array(repeating: 0, count: capacity)
    values = Array(repeating: -1, count: capacity)
    mask = capacity - 1
    count = 0
    for i in oldValues.indices where oldValues[i] >= 0 {
      set(IPAddress(high: oldHighs[i], low: oldLows[i]), oldValues[i])
    }
  }
}
