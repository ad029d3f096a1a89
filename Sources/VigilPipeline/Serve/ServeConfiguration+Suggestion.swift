/// "Did you mean" for unknown keys, flags and sink options.
enum KeySuggestion {
  /// The closest of `candidates` to `word`: equal ignoring case, `_` and `-`, or within a
  /// Levenshtein distance of 2; nil when none is that close.
  static func closest(to word: String, in candidates: [String]) -> String? {
    let folded = fold(word)
    if let same = candidates.first(where: { fold($0) == folded }) { return same }
    let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
    return best.0
  }

  /// ` (did you mean "x"?)`, or empty.
  static func hint(for word: String, in candidates: [String]) -> String {
    closest(to: word, in: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
  }

  private static func fold(_ text: String) -> String {
    String(text.lowercased().filter { $0 != "_" && $0 != "-" })
  }

  /// The Levenshtein distance of two strings, by characters.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
