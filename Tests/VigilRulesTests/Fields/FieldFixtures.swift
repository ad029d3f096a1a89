import Testing
import VigilAudit
import VigilCore
import VigilJSON

@testable import VigilRules

/// Helpers for the field tests: decode inline audit JSON with the real decoder and read fields by
/// name from the standard registry.
enum FieldFixtures {
  /// The one event in `json` (any audit shape), decoded by `AuditDecoder`.
  static func event(_ json: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    throws
    -> Event
  {
    let (events, diagnostics) = AuditDecoder().decode(text: json)
    #expect(diagnostics.isEmpty, "\(diagnostics)", sourceLocation: sourceLocation)
    return try #require(events.first, "no event decoded", sourceLocation: sourceLocation)
  }

  /// The value of field `name` (`[argument]` parsed the way the compiler would) for `event`.
  static func value(
    _ name: String, _ event: Event, _ argument: FieldArgument? = nil,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws -> FieldValue {
    let field = try #require(
      FieldRegistry.standard.field(named: name), "unknown field \(name)",
      sourceLocation: sourceLocation)
    return field.value(of: event, argument: argument)
  }

  /// Shorthand for a list of strings.
  static func strings(_ items: String...) -> FieldValue {
    .list(items.map(FieldValue.string))
  }
}
