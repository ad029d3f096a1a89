/// A parsed condition: Falco's filter AST, before macros and lists are expanded.
indirect enum ConditionExpr: Sendable, Hashable {
  /// All children hold.
  case and([ConditionExpr])
  /// Any child holds.
  case or([ConditionExpr])
  /// The child does not hold.
  case not(ConditionExpr)
  /// A bare identifier: a macro reference.
  case macro(String, SourceLocation)
  /// `field op value`.
  case comparison(Comparison)
}

/// A field as written in a condition: `tolower(ka.uri.param[command])`.
struct FieldReference: Sendable, Hashable, CustomStringConvertible {
  /// The dotted name (`ka.uri.param`).
  var name: String
  /// The text between brackets, if any (`command`, `/requestObject/spec`, `0`).
  var argument: String?
  /// Transformers in application order (innermost first).
  var transformers: [String]
  /// Where the field name starts.
  var location: SourceLocation

  /// The field with its argument, without transformers: `ka.uri.param[command]`.
  var plainName: String { argument.map { "\(name)[\($0)]" } ?? name }

  /// As written: `tolower(ka.uri.param[command])`.
  var description: String {
    transformers.reduce(plainName) { "\($1)(\($0))" }
  }
}

/// A literal value: quoted (`"a b"`) or bare (`nginx`, `2`, `/healthz?`).
struct Literal: Sendable, Hashable {
  /// The text with escapes resolved.
  var text: String
  /// True when written in quotes (a quoted word never names a list).
  var quoted: Bool
  /// Where it is.
  var location: SourceLocation
}

/// The right-hand side of a comparison.
enum Operand: Sendable, Hashable {
  /// Unary operators (`exists`).
  case none
  /// One value.
  case value(Literal)
  /// A parenthesized list `(a, "b c", 3)`; bare items that name lists are expanded later.
  case list([Literal])
  /// `val(field)`: another field's value.
  case field(FieldReference)
}

/// `field op operand`.
struct Comparison: Sendable, Hashable {
  /// The field (with transformers) on the left.
  var field: FieldReference
  /// The operator.
  var op: ComparisonOperator
  /// The right-hand side.
  var operand: Operand
  /// Where the operator is.
  var operatorLocation: SourceLocation
}

/// Falco's comparison operators.
enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
  case equal = "="
  case doubleEqual = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case contains, icontains, bcontains, startswith, bstartswith, endswith
  case `in`, intersects, pmatch, glob, iglob, exists

  /// Word operators, longest first so `bcontains` is not read as a prefix of something shorter.
  static let words: [ComparisonOperator] = [
    .bstartswith, .startswith, .intersects, .icontains, .bcontains, .contains, .endswith,
    .exists, .pmatch, .iglob, .glob, .in,
  ]

  /// True for operators whose right-hand side is a list.
  var takesList: Bool { self == .in || self == .intersects || self == .pmatch }

  /// True for operators that take a single value.
  var takesValue: Bool { !takesList && self != .exists }
}
