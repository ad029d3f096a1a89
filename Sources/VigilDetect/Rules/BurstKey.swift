import VigilCore
import VigilRules

/// The `by` fields of a burst rule, resolved once against the field registry, that group
/// matching events into bursts (`by: [ka.user.name]` → one burst per user).
struct BurstKey: Sendable {
  private let fields: [(field: Field, argument: FieldArgument?)]

  /// Resolves `spec.by`; a reference the registry does not know groups nothing (it was already
  /// reported by the rule loader).
  init(_ spec: BurstSpec, registry: FieldRegistry = .standard) {
    fields = spec.by.compactMap { reference in
      let (name, argument) = BurstKey.split(reference)
      return registry.field(named: name).map { ($0, argument) }
    }
  }

  /// The values of the `by` fields for an event (`<NA>` when missing).
  func values(for event: Event) -> [String] {
    fields.map { $0.field.value(of: event, argument: $0.argument).display }
  }

  /// `ka.uri.param[command]` → (`ka.uri.param`, `.key("command")`); `x[0]` → `.index(0)`.
  static func split(_ reference: String) -> (String, FieldArgument?) {
    guard let open = reference.firstIndex(of: "["), reference.hasSuffix("]") else {
      return (reference, nil)
    }
    let name = String(reference[..<open])
    let inner = String(reference[reference.index(after: open)..<reference.index(before: reference.endIndex)])
    if let index = Int(inner) { return (name, .index(index)) }
    return (name, .key(inner))
  }
}
