/// A JSON value with ordered object members, serialized the way the API server's Go encoder does
/// (compact, `<`, `>` and `&` escaped as `\u003c`, `\u003e`, `\u0026`).
indirect enum DemoJSON: Sendable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  case object([(String, DemoJSON)])
  case array([DemoJSON])
  case string(String)
  case int(Int64)
  case bool(Bool)
  case null

  init(stringLiteral value: String) { self = .string(value) }
  init(integerLiteral value: Int64) { self = .int(value) }
  init(booleanLiteral value: Bool) { self = .bool(value) }
  init(arrayLiteral elements: DemoJSON...) { self = .array(elements) }
  init(dictionaryLiteral elements: (String, DemoJSON)...) { self = .object(elements) }

  /// An array of strings.
  static func strings(_ items: [String]) -> DemoJSON { .array(items.map { .string($0) }) }

  /// The member named `key` of an object.
  subscript(key: String) -> DemoJSON? {
    guard case .object(let members) = self else { return nil }
    return members.last { $0.0 == key }?.1
  }

  /// A copy of this object with `key` set (replaced in place, or appended).
  func setting(_ key: String, _ value: DemoJSON) -> DemoJSON {
    guard case .object(var members) = self else { return self }
    if let i = members.firstIndex(where: { $0.0 == key }) {
      members[i].1 = value
    } else {
      members.append((key, value))
    }
    return .object(members)
  }

  /// Compact JSON text.
  var text: String {
    var out: [UInt8] = []
    out.reserveCapacity(512)
    write(to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends compact JSON text to `out`.
  func write(to out: inout [UInt8]) {
    switch self {
    case .object(let members):
      out.append(0x7B)
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out.append(0x2C) }
        DemoJSON.appendQuoted(key, to: &out)
        out.append(0x3A)
        value.write(to: &out)
      }
      out.append(0x7D)
    case .array(let items):
      out.append(0x5B)
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(0x2C) }
        item.write(to: &out)
      }
      out.append(0x5D)
    case .string(let s): DemoJSON.appendQuoted(s, to: &out)
    case .int(let n): out.append(contentsOf: String(n).utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .null: out.append(contentsOf: "null".utf8)
    }
  }

  /// Go's `encoding/json` string escaping (HTML-safe).
  static func appendQuoted(_ s: String, to out: inout [UInt8]) {
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    out.append(0x22)
    for c in s.utf8 {
      switch c {
      case 0x22: out.append(contentsOf: [0x5C, 0x22])
      case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
      case 0x0D: out.append(contentsOf: [0x5C, 0x72])
      case 0x09: out.append(contentsOf: [0x5C, 0x74])
      case 0..<0x20, 0x3C, 0x3E, 0x26:
        out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
      default: out.append(c)
      }
    }
    out.append(0x22)
  }
}
