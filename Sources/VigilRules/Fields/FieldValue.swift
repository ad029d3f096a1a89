/// A field's value for one event.
public enum FieldValue: Sendable, Hashable {
  /// The event does not have the field; every comparison on it is false (Falco semantics).
  case missing
  /// A string.
  case string(String)
  /// An integer.
  case number(Int64)
  /// A boolean.
  case bool(Bool)
  /// A list of scalar values (list fields).
  case list([FieldValue])

  /// The value as Falco prints it in outputs: `<NA>` when missing, lists as `(a,b)`.
  public var display: String {
    switch self {
    case .missing: "<NA>"
    case .string(let s): s
    case .number(let n): String(n)
    case .bool(let b): b ? "true" : "false"
    case .list(let items): "(" + items.map(\.display).joined(separator: ",") + ")"
    }
  }

  /// The value as text, nil when missing (used for `output_fields`).
  public var text: String? {
    if case .missing = self { return nil }
    return display
  }
}
