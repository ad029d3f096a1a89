/// Closures for single comparisons with Falco's semantics: a missing field makes every
/// comparison false (also `!=`); on a list field `in` holds when every value is in the set,
/// `intersects` when any is, and other operators when any value matches.
enum ComparisonPredicates {
  /// Lifts a scalar test to a field that may be missing or a list (any value matches).
  static func lifted(slot: Int, _ test: @escaping @Sendable (FieldValue) -> Bool) -> Predicate {
    { context in
      switch context.value(slot) {
      case .missing: return false
      case .list(let items): return items.contains(where: test)
      case let value: return test(value)
      }
    }
  }

  /// `lifted` for a test known at the call site: the test is inlined into the predicate
  /// instead of being a second closure called through a context per value.
  @inline(__always)
  static func anyValue(_ value: FieldValue, _ test: (FieldValue) -> Bool) -> Bool {
    switch value {
    case .missing: false
    case .list(let items): items.contains(where: test)
    default: test(value)
    }
  }

  /// `field op value`.
  static func scalar(op: ComparisonOperator, slot: Int, value: FieldValue) -> Predicate {
    switch (op, value) {
    case (.equal, .string(let literal)), (.doubleEqual, .string(let literal)):
      return { context in
        anyValue(context.value(slot)) {
          if case .string(let text) = $0 { return text == literal }
          return false
        }
      }
    case (.startswith, .string(let literal)):
      let prefix = Array(literal.utf8)
      return { context in
        anyValue(context.value(slot)) {
          if case .string(let text) = $0 { return text.utf8.starts(with: prefix) }
          return false
        }
      }
    case (.contains, .string(let literal)):
      let needle = Array(literal.utf8)
      return { context in
        anyValue(context.value(slot)) {
          if case .string(let text) = $0 { return ByteSearch.contains(text.utf8, needle) }
          return false
        }
      }
    default:
      return lifted(slot: slot) { ScalarComparison.matches(op, $0, value) }
    }
  }

  /// `field bcontains hex` / `field bstartswith hex`.
  static func bytes(op: ComparisonOperator, slot: Int, bytes: [UInt8]) -> Predicate {
    lifted(slot: slot) {
      guard case .string(let text) = $0 else { return false }
      return op == .bstartswith
        ? text.utf8.starts(with: bytes) : ByteSearch.contains(text.utf8, bytes)
    }
  }

  /// `field in (…)`, `field intersects (…)`, `field pmatch (…)`.
  static func list(op: ComparisonOperator, slot: Int, values: [FieldValue]) -> Predicate {
    switch op {
    case .pmatch:
      let prefixes = values.map { Array($0.display.utf8) }
      return lifted(slot: slot) {
        guard case .string(let text) = $0 else { return false }
        return PathPrefix.matches(Array(text.utf8), prefixes)
      }
    case .intersects:
      if let strings = smallStrings(values) {
        return { context in
          anyValue(context.value(slot)) { Self.contains(strings, $0) }
        }
      }
      let member = membership(values)
      return { context in
        switch context.value(slot) {
        case .missing: return false
        case .list(let items): return items.contains(where: member)
        case let value: return member(value)
        }
      }
    default:  // in
      if let strings = smallStrings(values) {
        return { context in
          switch context.value(slot) {
          case .missing: return false
          case .list(let items):
            return !items.isEmpty && items.allSatisfy { Self.contains(strings, $0) }
          case let value: return Self.contains(strings, value)
          }
        }
      }
      let member = membership(values)
      return { context in
        switch context.value(slot) {
        case .missing: return false
        case .list(let items): return !items.isEmpty && items.allSatisfy(member)
        case let value: return member(value)
        }
      }
    }
  }

  /// The literals when they are a few strings (see `membership`), else nil.
  static func smallStrings(_ values: [FieldValue]) -> [String]? {
    var strings: [String] = []
    for value in values {
      guard case .string(let text) = value else { return nil }
      strings.append(text)
    }
    return strings.count <= 8 ? strings : nil
  }

  /// Whether a value is a string among `strings` (a short linear scan).
  @inline(__always)
  static func contains(_ strings: [String], _ value: FieldValue) -> Bool {
    guard case .string(let text) = value else { return false }
    for candidate in strings where candidate == text { return true }
    return false
  }

  /// A membership test for a literal set: string sets compare strings directly (a short
  /// linear scan beats hashing for the few items rules usually list).
  static func membership(_ values: [FieldValue]) -> @Sendable (FieldValue) -> Bool {
    let strings = values.compactMap { value -> String? in
      if case .string(let text) = value { return text }
      return nil
    }
    if strings.count == values.count {
      if strings.count <= 8 {
        return { value in
          guard case .string(let text) = value else { return false }
          for candidate in strings where candidate == text { return true }
          return false
        }
      }
      let set = Set(strings)
      return { value in
        guard case .string(let text) = value else { return false }
        return set.contains(text)
      }
    }
    let set = Set(values)
    return { set.contains($0) }
  }

  /// `field op val(other)`: the other field's value on the right.
  static func fields(op: ComparisonOperator, slot: Int, other: Int) -> Predicate {
    { context in
      let right = context.value(other)
      if case .missing = right { return false }
      switch context.value(slot) {
      case .missing: return false
      case .list(let items): return items.contains { ScalarComparison.matches(op, $0, right) }
      case let value: return ScalarComparison.matches(op, value, right)
      }
    }
  }
}
