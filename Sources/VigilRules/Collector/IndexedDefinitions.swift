/// Definitions by name that keep the position of their first definition (Falco's
/// `indexed_vector`): redefining replaces in place, so load order decides precedence, not
/// position.
struct IndexedDefinitions<Value: Sendable>: Sendable {
  /// Values in first-definition order.
  private(set) var values: [Value] = []
  private var positions: [String: Int] = [:]

  /// The definition named `name`.
  subscript(name: String) -> Value? {
    get { positions[name].map { values[$0] } }
  }

  /// Adds or replaces a definition.
  mutating func define(_ name: String, _ value: Value) {
    if let position = positions[name] {
      values[position] = value
    } else {
      positions[name] = values.count
      values.append(value)
    }
  }

  /// Changes an existing definition; false when there is none.
  @discardableResult
  mutating func update(_ name: String, _ body: (inout Value) -> Void) -> Bool {
    guard let position = positions[name] else { return false }
    body(&values[position])
    return true
  }

  /// True when defined.
  func contains(_ name: String) -> Bool { positions[name] != nil }

  /// The first-definition position of a name.
  func position(of name: String) -> Int? { positions[name] }
}
