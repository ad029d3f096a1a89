/// A namespace name pattern with `*` wildcards (`prod`, `*-prod`, `prod-*`, `*-qa-*`) and the
/// zone it names; matched case-insensitively against the whole name.
public struct ZoneNamePattern: Sendable, Hashable, CustomStringConvertible {
  /// The pattern as written.
  public let pattern: String
  /// The zone a matching namespace belongs to.
  public let zone: Zone
  /// The literal pieces between the `*`s (lower-cased, UTF-8).
  let pieces: [[UInt8]]
  /// Whether the pattern starts / ends with `*`.
  let openStart: Bool
  let openEnd: Bool

  /// Creates a pattern: `pattern` with `*` for any run of characters (empty included).
  public init(_ pattern: String, zone: Zone) {
    self.pattern = pattern
    self.zone = zone
    let lower = pattern.lowercased()
    openStart = lower.hasPrefix("*")
    openEnd = lower.hasSuffix("*")
    pieces = lower.split(separator: "*", omittingEmptySubsequences: true).map { Array($0.utf8) }
  }

  /// `*-prod → prod`.
  public var description: String { "\(pattern) → \(zone)" }

  /// Whether the whole of `name` matches (ASCII case-insensitively).
  public func matches(_ name: String) -> Bool {
    let text = Array(name.lowercased().utf8)
    guard !pieces.isEmpty else { return openStart || openEnd || text.isEmpty }
    var position = 0
    for (index, piece) in pieces.enumerated() {
      let isFirst = index == 0
      let isLast = index == pieces.count - 1
      if isFirst && !openStart {
        guard Self.hasPiece(piece, in: text, at: 0) else { return false }
        position = piece.count
        if isLast && !openEnd { return position == text.count }
        continue
      }
      if isLast && !openEnd {
        let start = text.count - piece.count
        return start >= position && Self.hasPiece(piece, in: text, at: start)
      }
      guard let found = Self.find(piece, in: text, from: position) else { return false }
      position = found + piece.count
    }
    return true
  }

  static func hasPiece(_ piece: [UInt8], in text: [UInt8], at start: Int) -> Bool {
    guard start >= 0, start + piece.count <= text.count else { return false }
    for i in 0..<piece.count where text[start + i] != piece[i] { return false }
    return true
  }

  static func find(_ piece: [UInt8], in text: [UInt8], from: Int) -> Int? {
    var start = from
    while start + piece.count <= text.count {
      if hasPiece(piece, in: text, at: start) { return start }
      start += 1
    }
    return nil
  }
}
