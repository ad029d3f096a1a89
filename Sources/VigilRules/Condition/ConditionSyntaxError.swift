/// A condition that does not parse, with the offset (in Unicode scalars) of the offending token.
struct ConditionSyntaxError: Error, Sendable, Hashable {
  /// What was expected or found.
  var message: String
  /// Where, in the condition's text.
  var location: SourceLocation
}
