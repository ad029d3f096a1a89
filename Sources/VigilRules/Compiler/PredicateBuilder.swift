import VigilCore

/// Compiles a resolved condition (no macros left) into a closure tree, binding each field to a
/// shared slot and checking operators and values against the field's type.
struct PredicateBuilder {
  /// The slot table fields are bound in.
  var slots: FieldSlotTable

  /// Why a comparison cannot be compiled.
  struct CompileError: Error {
    var diagnostic: RuleDiagnostic
  }

  /// Fields every event reads anyway (the index's dimensions): free in a condition.
  static let preloadedKeys: Set<String> = [
    "ka.verb", "ka.target.resource", "ka.target.subresource", "jevt.value[/stage]",
  ]

  /// Compiles an expression.
  mutating func build(_ expr: ConditionExpr) throws(CompileError) -> Predicate {
    try compile(expr).run
  }

  /// Compiles an expression and estimates what evaluating it costs. The terms of `and` and `or`
  /// (nested ones flattened) run cheapest first: the conditions are pure, so the order never
  /// changes the result, only how soon a failing `and` (or a holding `or`) stops.
  private mutating func compile(_ expr: ConditionExpr) throws(CompileError) -> (
    run: Predicate, cost: Int
  ) {
    switch expr {
    case .and(let children):
      let (parts, cost) = try compileTerms(Self.flatten(children, and: true))
      return (Self.all(parts), cost)
    case .or(let children):
      let (parts, cost) = try compileTerms(Self.flatten(children, and: false))
      return (Self.any(parts), cost)
    case .not(let child):
      let inner = try compile(child)
      let run = inner.run
      return ({ !run($0) }, inner.cost + 1)
    case .macro(let name, let location):
      throw CompileError(
        diagnostic: RuleDiagnostic(.undefinedMacro, at: location, "undefined macro '\(name)'"))
    case .comparison(let comparison):
      return try build(comparison)
    }
  }

  /// Children of nested `and`s (or `or`s) as one list, in order.
  static func flatten(_ children: [ConditionExpr], and: Bool) -> [ConditionExpr] {
    var out: [ConditionExpr] = []
    for child in children {
      switch child {
      case .and(let inner) where and: out += flatten(inner, and: true)
      case .or(let inner) where !and: out += flatten(inner, and: false)
      default: out.append(child)
      }
    }
    return out
  }

  /// Compiles terms (in written order, so errors come out in order) and sorts them by cost,
  /// keeping the written order among equals.
  private mutating func compileTerms(
    _ children: [ConditionExpr]
  ) throws(CompileError) -> ([PredicateBox], Int) {
    // Boxes, not bare closures, in the array: see `PredicateBox`.
    var compiled: [(box: PredicateBox, cost: Int, position: Int)] = []
    for (position, child) in children.enumerated() {
      let part = try compile(child)
      compiled.append((PredicateBox(run: part.run), part.cost, position))
    }
    compiled.sort { ($0.cost, $0.position) < ($1.cost, $1.position) }
    return (compiled.map(\.box), compiled.reduce(0) { $0 + $1.cost })
  }

  /// The cost of reading a slot once: free for the index's fields, else by the field's cost.
  private func cost(ofSlot slot: Int) -> Int {
    let info = slots.slots[slot]
    if Self.preloadedKeys.contains(info.key) { return 1 }
    switch info.cost {
    case .property: return 2
    case .lookup: return 8
    case .walk: return 32
    }
  }

  static func all(_ parts: [PredicateBox]) -> Predicate {
    switch parts.count {
    case 0: return { _ in true }
    case 1: return parts[0].run
    case 2:
      let (a, b) = (parts[0].run, parts[1].run)
      return { a($0) && b($0) }
    case 3:
      let (a, b, c) = (parts[0].run, parts[1].run, parts[2].run)
      return { a($0) && b($0) && c($0) }
    default:
      // Nested pairs keep evaluation order and avoid iterating an array of closures.
      let (a, b) = (all(Array(parts[..<(parts.count / 2)])), all(Array(parts[(parts.count / 2)...])))
      return { a($0) && b($0) }
    }
  }

  static func any(_ parts: [PredicateBox]) -> Predicate {
    switch parts.count {
    case 0: return { _ in false }
    case 1: return parts[0].run
    case 2:
      let (a, b) = (parts[0].run, parts[1].run)
      return { a($0) || b($0) }
    default:
      let (a, b) = (any(Array(parts[..<(parts.count / 2)])), any(Array(parts[(parts.count / 2)...])))
      return { a($0) || b($0) }
    }
  }

  private mutating func bind(_ field: FieldReference) throws(CompileError) -> Int {
    do {
      return try slots.bind(field)
    } catch {
      throw CompileError(
        diagnostic: RuleDiagnostic(
          error.code, at: field.location, error.message, suggestions: error.suggestions))
    }
  }

  private func fail(_ location: SourceLocation, _ message: String) -> CompileError {
    CompileError(diagnostic: RuleDiagnostic(.typeMismatch, at: location, message))
  }

  private mutating func build(_ comparison: Comparison) throws(CompileError) -> (
    run: Predicate, cost: Int
  ) {
    let slot = try bind(comparison.field)
    let run = try predicate(comparison, slot: slot)
    var total = cost(ofSlot: slot)
    if case .field(let other) = comparison.operand { total += cost(ofSlot: try bind(other)) }
    return (run, total)
  }

  private mutating func predicate(
    _ comparison: Comparison, slot: Int
  ) throws(CompileError) -> Predicate {
    let info = slots.slots[slot]
    let op = comparison.op
    try checkOperator(op, type: info.type, comparison: comparison)
    switch comparison.operand {
    case .none:
      return { context in
        switch context.value(slot) {
        case .missing: false
        default: true
        }
      }
    case .list(let literals):
      let values = try literals.map { (literal) throws(CompileError) in
        try convert(literal, to: info.type, field: comparison.field)
      }
      return ComparisonPredicates.list(op: op, slot: slot, values: values)
    case .value(let literal):
      let value = try convert(literal, to: info.type, field: comparison.field)
      if op == .bcontains || op == .bstartswith {
        guard let bytes = Self.hexBytes(literal.text) else {
          throw fail(literal.location, "'\(op.rawValue)' needs a hexadecimal byte string, not '\(literal.text)'")
        }
        return ComparisonPredicates.bytes(op: op, slot: slot, bytes: bytes)
      }
      return ComparisonPredicates.scalar(op: op, slot: slot, value: value)
    case .field(let other):
      let otherSlot = try bind(other)
      if slots.slots[otherSlot].isList {
        throw fail(other.location, "val() needs a single-valued field, '\(other)' is a list")
      }
      return ComparisonPredicates.fields(op: op, slot: slot, other: otherSlot)
    }
  }

  private func checkOperator(
    _ op: ComparisonOperator, type: Field.ValueType, comparison: Comparison
  ) throws(CompileError) {
    let allowed: Bool
    switch type {
    case .string: allowed = true
    case .number:
      allowed = [
        .equal, .doubleEqual, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in,
        .intersects, .exists,
      ].contains(op)
    case .bool:
      allowed = [.equal, .doubleEqual, .notEqual, .in, .intersects, .exists].contains(op)
    }
    guard allowed else {
      throw fail(
        comparison.operatorLocation,
        "operator '\(op.rawValue)' is not supported on \(type.rawValue) field '\(comparison.field)'")
    }
  }

  private func convert(
    _ literal: Literal, to type: Field.ValueType, field: FieldReference
  ) throws(CompileError) -> FieldValue {
    switch type {
    case .string:
      return .string(literal.text)
    case .number:
      guard let number = Self.parseNumber(literal.text) else {
        throw fail(literal.location, "'\(literal.text)' is not a number (field '\(field)' is numeric)")
      }
      return .number(number)
    case .bool:
      switch literal.text {
      case "true": return .bool(true)
      case "false": return .bool(false)
      default:
        throw fail(literal.location, "'\(literal.text)' is not true or false (field '\(field)' is bool)")
      }
    }
  }

  /// Decimal or `0x` hexadecimal integers.
  static func parseNumber(_ text: String) -> Int64? {
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return Int64(text.dropFirst(2), radix: 16) }
    return Int64(text)
  }

  /// `48656c6c6f` → bytes; nil when not an even number of hex digits.
  static func hexBytes(_ text: String) -> [UInt8]? {
    let digits = Array(text.utf8)
    guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    var i = 0
    while i < digits.count {
      guard let byte = UInt8(String(decoding: digits[i..<(i + 2)], as: UTF8.self), radix: 16) else {
        return nil
      }
      out.append(byte)
      i += 2
    }
    return out
  }
}
