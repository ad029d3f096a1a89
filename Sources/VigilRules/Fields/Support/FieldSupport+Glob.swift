/// Shell-style glob matching, as Falco's `ka.req.volume.hostpath[/proc*]` uses it.
extension FieldSupport {
  /// Whether `text` matches `pattern`: `*` any run of characters (slashes included), `?` one
  /// character, `[abc]` / `[a-z]` / `[!a]` a class; anything else literally. Works on bytes.
  static func globMatch(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.utf8)
    let t = Array(text.utf8)
    var pi = 0
    var ti = 0
    var starP = -1
    var starT = 0
    while ti < t.count {
      if pi < p.count {
        switch p[pi] {
        case UInt8(ascii: "*"):
          starP = pi
          starT = ti
          pi += 1
          continue
        case UInt8(ascii: "?"):
          pi += 1
          ti += 1
          continue
        case UInt8(ascii: "["):
          if let (matched, next) = matchClass(p, from: pi, byte: t[ti]) {
            if matched {
              pi = next
              ti += 1
              continue
            }
          } else if t[ti] == p[pi] {  // an unterminated `[` is a literal
            pi += 1
            ti += 1
            continue
          }
        default:
          if p[pi] == t[ti] {
            pi += 1
            ti += 1
            continue
          }
        }
      }
      guard starP >= 0 else { return false }
      pi = starP + 1
      starT += 1
      ti = starT
    }
    while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
    return pi == p.count
  }

  /// Matches `byte` against the class starting at `p[start] == "["`; nil when unterminated,
  /// else whether it matched and the index after the closing `]`.
  private static func matchClass(_ p: [UInt8], from start: Int, byte: UInt8) -> (Bool, Int)? {
    var i = start + 1
    var negate = false
    if i < p.count && (p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^")) {
      negate = true
      i += 1
    }
    var matched = false
    var first = true
    while i < p.count {
      let c = p[i]
      if c == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
      first = false
      if i + 2 < p.count && p[i + 1] == UInt8(ascii: "-") && p[i + 2] != UInt8(ascii: "]") {
        if byte >= c && byte <= p[i + 2] { matched = true }
        i += 3
      } else {
        if byte == c { matched = true }
        i += 1
      }
    }
    return nil
  }
}
