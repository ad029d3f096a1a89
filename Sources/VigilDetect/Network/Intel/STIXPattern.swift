/// The part of the STIX 2.1 patterning language that names flow ends: observation expressions
/// (`[…]`) whose comparisons are joined by OR, compared with `=` or `ISSUBSET` to a string.
/// Anything needing two facts at once (AND, FOLLOWEDBY, qualifiers) is refused as a whole, so a
/// conjunctive indicator never over-matches as one of its parts.
enum STIXPattern {
  /// One `object:path op 'value'`.
  struct Comparison: Sendable, Hashable {
    var objectPath: String
    var op: String
    var value: String

    /// The indicator kinds the value may be, or nil when the path is not matchable on flows.
    var expectedKinds: Set<Indicator.Kind>? {
      guard op == "=" || op == "ISSUBSET" else { return nil }
      switch objectPath.lowercased() {
      case "ipv4-addr:value": return op == "=" ? [.ipv4, .cidr] : [.cidr, .ipv4]
      case "ipv6-addr:value": return [.ipv6, .cidr]
      case "domain-name:value": return op == "=" ? [.domain] : nil
      case "url:value": return op == "=" ? [.url] : nil
      default: return nil
      }
    }
  }

  /// The comparisons of an OR-only pattern, or why it is refused.
  /// The comparisons read, or why the pattern was refused.
  enum Reading: Sendable, Hashable {
    /// An OR of these comparisons.
    case comparisons([Comparison])
    /// Refused.
    case refused(FeedProblem.Code)
  }

  static func comparisons(in pattern: String) -> Reading {
    let bytes = Array(pattern.utf8)
    var i = 0
    var out: [Comparison] = []
    var depth = 0
    var expectOperand = true
    func skipSpaces() {
      while i < bytes.count, TextFeedParser.isSpace(bytes[i]) || bytes[i] == 0x0A { i += 1 }
    }
    func word() -> String {
      let start = i
      while i < bytes.count {
        let b = bytes[i]
        let isWordByte =
          (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
          || b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E || b == 0x2A
        guard isWordByte else { break }
        i += 1
      }
      return String(decoding: bytes[start..<i], as: UTF8.self)
    }
    while true {
      skipSpaces()
      guard i < bytes.count else { break }
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "["), UInt8(ascii: "("):
        guard expectOperand else { return .refused(.invalidPattern) }
        depth += 1
        i += 1
      case UInt8(ascii: "]"), UInt8(ascii: ")"):
        guard !expectOperand, depth > 0 else { return .refused(.invalidPattern) }
        depth -= 1
        i += 1
      default:
        let token = word()
        guard !token.isEmpty else { return .refused(.invalidPattern) }
        if expectOperand {
          guard token.contains(":") else { return .refused(.invalidPattern) }
          // Path selectors with quotes (`file:hashes.'SHA-256'`): not a flow field.
          if i < bytes.count, bytes[i] == UInt8(ascii: "'") { return .refused(.unsupportedPattern) }
          skipSpaces()
          var op = ""
          if i < bytes.count, bytes[i] == UInt8(ascii: "=") {
            op = "="
            i += 1
          } else if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "!"),
            bytes[i + 1] == UInt8(ascii: "=")
          {
            op = "!="
            i += 2
          } else {
            op = word().uppercased()
            if op == "NOT" {
              return .refused(.unsupportedPattern)
            }
            guard !op.isEmpty else {
              // `<`, `>`, `<=` …: comparisons Vigil does not match.
              return .refused(.unsupportedPattern)
            }
          }
          skipSpaces()
          guard let value = literal(bytes, &i) else { return .refused(.unsupportedPattern) }
          out.append(Comparison(objectPath: token, op: op, value: value))
          expectOperand = false
        } else {
          switch token.uppercased() {
          case "OR": expectOperand = true
          case "AND", "FOLLOWEDBY", "WITHIN", "REPEATS", "START", "STOP":
            return .refused(.unsupportedPattern)
          default: return .refused(.invalidPattern)
          }
        }
      }
    }
    guard depth == 0, !expectOperand, !out.isEmpty else { return .refused(.invalidPattern) }
    return .comparisons(out)
  }

  /// A `'…'` string literal (`\'` and `\\` escapes) at `i`, which moves past it.
  private static func literal(_ bytes: [UInt8], _ i: inout Int) -> String? {
    guard i < bytes.count, bytes[i] == UInt8(ascii: "'") else { return nil }
    i += 1
    var out: [UInt8] = []
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\\") {
        guard i + 1 < bytes.count else { return nil }
        out.append(bytes[i + 1])
        i += 2
        continue
      }
      if b == UInt8(ascii: "'") {
        i += 1
        return String(decoding: out, as: UTF8.self)
      }
      out.append(b)
      i += 1
    }
    return nil
  }
}
