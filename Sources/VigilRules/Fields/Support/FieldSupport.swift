import VigilCore
import VigilJSON

/// Shared plumbing of the field extractors: reaching into the audit document and turning JSON
/// values into `FieldValue`s the way Falco's k8saudit plugin does.
///
/// Extractors never parse JSON again: they walk the index built once by the decoder
/// (`AuditEvent.document`), and use the eagerly decoded `AuditEvent` properties where they exist.
/// The nodes many fields start from are looked up once per event by `FieldContext`.
enum FieldSupport {}

extension FieldValue {
  /// A JSON value as Falco prints it (strings unquoted, the rest as compact JSON); `.missing`
  /// when absent.
  static func json(_ value: JSONValue?) -> FieldValue {
    guard let value else { return .missing }
    return .string(value.displayString)
  }

  /// A string, `.missing` when nil.
  static func optional(_ value: String?) -> FieldValue {
    guard let value else { return .missing }
    return .string(value)
  }

  /// A string from an eagerly decoded property, `.missing` when nil or empty (the decoder stores
  /// an absent `verb`, `requestURI` or `username` as `""`).
  static func nonEmpty(_ value: String?) -> FieldValue {
    guard let value, !value.isEmpty else { return .missing }
    return .string(value)
  }

  /// A list of strings; `.missing` when empty (Falco's plugin framework treats a field that
  /// extracted no value as absent, so every comparison on it is false).
  static func strings(_ items: [String]) -> FieldValue {
    items.isEmpty ? .missing : .list(items.map(FieldValue.string))
  }

  /// A list of values; `.missing` when empty (see `strings`).
  static func values(_ items: [FieldValue]) -> FieldValue {
    items.isEmpty ? .missing : .list(items)
  }

  /// A JSON array's elements as Falco prints them; `.missing` when absent, not an array, or
  /// empty (Falco's plugin rejects a non-array as a wrong type).
  static func jsonList(_ value: JSONValue?) -> FieldValue {
    guard let value, value.kind == .array else { return .missing }
    var out: [FieldValue] = []
    out.reserveCapacity(value.count)
    value.forEachElement { out.append(.string($0.displayString)) }
    return values(out)
  }
}

extension FieldArgument {
  /// The argument as a key: `[command]` → `command`, `[0]` → `0`.
  var key: String {
    switch self {
    case .index(let i): String(i)
    case .key(let k): k
    }
  }
}

extension FieldSupport {
  /// Builds a list field from per-item values the way Falco's k8saudit plugin does.
  ///
  /// Without an index, absent items are skipped. With an index (`…privileged[1]`) the list is
  /// kept aligned with the items (absent ones as `.missing`), so `Field.value` picks item `i`'s
  /// own value, as Falco's index filter does. `.missing` when there are no items at all.
  static func perItem(_ items: [FieldValue?], argument: FieldArgument?) -> FieldValue {
    if case .index? = argument {
      return .values(items.map { $0 ?? .missing })
    }
    return .values(items.compactMap { $0 })
  }
}
