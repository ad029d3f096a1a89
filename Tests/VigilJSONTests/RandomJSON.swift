import VigilJSON

/// A generated JSON value and its text, for cross-checks and fuzzing.
indirect enum RandomJSON {
  case object([(String, RandomJSON)])
  case array([RandomJSON])
  case string(String)
  case int(Int64)
  case double(String)
  case bool(Bool)
  case null

  /// A random tree at most `depth` levels deep, with unique keys per object.
  static func make(depth: Int, using rng: inout SeededGenerator) -> RandomJSON {
    let pick = depth <= 0 ? Int.random(in: 2..<7, using: &rng) : Int.random(in: 0..<7, using: &rng)
    switch pick {
    case 0:
      var seen: Set<String> = []
      var members: [(String, RandomJSON)] = []
      for _ in 0..<Int.random(in: 0..<6, using: &rng) {
        let key = randomString(using: &rng)
        guard seen.insert(key).inserted else { continue }
        members.append((key, make(depth: depth - 1, using: &rng)))
      }
      return .object(members)
    case 1:
      return .array(
        (0..<Int.random(in: 0..<6, using: &rng)).map { _ in make(depth: depth - 1, using: &rng) })
    case 2: return .string(randomString(using: &rng))
    case 3:
      let choices: [Int64] = [0, -1, 1, Int64.max, Int64.min, 42, -987_654_321]
      return .int(
        Bool.random(using: &rng)
          ? choices[Int.random(in: 0..<choices.count, using: &rng)]
          : Int64.random(in: -1_000_000...1_000_000, using: &rng))
    case 4:
      let mantissa = Int.random(in: -99_999...99_999, using: &rng)
      let fraction = Int.random(in: 0...9999, using: &rng)
      let exponent = Int.random(in: -30...30, using: &rng)
      let forms = [
        "\(mantissa).\(fraction)", "\(mantissa)e\(exponent)",
        "\(mantissa).\(fraction)E+\(abs(exponent))", "-0.\(fraction)e-\(abs(exponent))",
      ]
      return .double(forms[Int.random(in: 0..<forms.count, using: &rng)])
    case 5: return .bool(Bool.random(using: &rng))
    default: return .null
    }
  }

  static func randomString(using rng: inout SeededGenerator) -> String {
    let pieces = [
      "a", "b", "z", "0", "7", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{1F}", "é", "ß", "日本",
      "😀", "~", "~1", "k8s.io/x", "\u{7F}", "\u{2028}",
    ]
    var s = ""
    for _ in 0..<Int.random(in: 0..<8, using: &rng) {
      s += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
    }
    return s
  }

  /// JSON text with random whitespace and random (valid) escape spellings.
  func text(using rng: inout SeededGenerator) -> String {
    var out = ""
    write(to: &out, using: &rng)
    return out
  }

  private func write(to out: inout String, using rng: inout SeededGenerator) {
    func space() -> String {
      ["", "", "", " ", "\n", "\t", " \r\n "][Int.random(in: 0..<7, using: &rng)]
    }
    switch self {
    case .object(let members):
      out += "{" + space()
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out += "," + space() }
        out += Self.escape(key, using: &rng) + space() + ":" + space()
        value.write(to: &out, using: &rng)
        out += space()
      }
      out += "}"
    case .array(let elements):
      out += "[" + space()
      for (i, value) in elements.enumerated() {
        if i > 0 { out += "," + space() }
        value.write(to: &out, using: &rng)
        out += space()
      }
      out += "]"
    case .string(let s): out += Self.escape(s, using: &rng)
    case .int(let v): out += String(v)
    case .double(let text): out += text
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    }
  }

  /// A string literal: required escapes, and random `\uXXXX` (surrogate pairs beyond the BMP) or `\/`.
  static func escape(_ s: String, using rng: inout SeededGenerator) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      let useU = Int.random(in: 0..<4, using: &rng) == 0
      if useU {
        for unit in String(scalar).utf16 {
          let hex = String(unit, radix: 16, uppercase: Bool.random(using: &rng))
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
      } else if scalar == "/" && Bool.random(using: &rng) {
        out += "\\/"
      } else {
        let quoted = JSONText.quoted(String(scalar))
        out += quoted.dropFirst().dropLast()
      }
    }
    return out + "\""
  }
}
