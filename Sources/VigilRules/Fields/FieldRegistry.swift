/// The fields known to the rule compiler, looked up by name. Built from explicit array literals
/// (STYLE.md §5), never registered as a side effect.
public struct FieldRegistry: Sendable {
  /// All fields in declaration order.
  public let fields: [Field]
  private let byName: [String: Int]

  /// Creates a registry; a later declaration of the same name wins.
  public init(_ fields: [Field]) {
    self.fields = fields
    var byName: [String: Int] = [:]
    for (i, field) in fields.enumerated() { byName[field.name] = i }
    self.byName = byName
  }

  /// The field with this exact name.
  public func field(named name: String) -> Field? {
    byName[name].map { fields[$0] }
  }

  /// Up to three known names closest to an unknown one, for "did you mean" in lint errors.
  public func suggestions(for name: String) -> [String] {
    let scored = fields.map { (name: $0.name, distance: editDistance($0.name, name)) }
    let limit = max(2, name.count / 3)
    return scored.filter { $0.distance <= limit }.sorted { $0.distance < $1.distance }
      .prefix(3).map(\.name)
  }
}

/// Levenshtein distance over Unicode scalars.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.unicodeScalars)
  let b = Array(b.unicodeScalars)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = Array(repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
