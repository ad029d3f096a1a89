import VigilCore

/// One field that conditions and outputs can read (`ka.user.name`), declared once next to its
/// extractor and documented there (STYLE.md §6).
public struct Field: Sendable {
  /// The scalar type of the field's values.
  public enum ValueType: String, Sendable, Hashable {
    case string, number, bool
  }

  /// What may follow the name in brackets.
  public enum ArgumentRule: Sendable, Hashable {
    /// No argument: `ka.verb`.
    case none
    /// An optional index into a list field: `ka.req.pod.containers.image[0]`.
    case optionalIndex
    /// A required key: `ka.uri.param[command]`, `jevt.value[/requestObject/spec]`.
    case requiredKey
  }

  /// The full name, e.g. `ka.req.pod.containers.image`.
  public let name: String
  /// Scalar type of each value.
  public let type: ValueType
  /// True when the field yields a list (`ka.req.pod.containers.image`).
  public let isList: Bool
  /// What bracket argument the field takes.
  public let argument: ArgumentRule
  /// One-line description, as `docs/fields.md` prints it.
  public let description: String
  /// Reads the value from an event; `argument` is the parsed bracket argument, if any.
  public let extract: @Sendable (Event, FieldArgument?) -> FieldValue

  /// Declares a field.
  public init(
    _ name: String, _ type: ValueType, list: Bool = false, argument: ArgumentRule = .none,
    _ description: String,
    extract: @escaping @Sendable (Event, FieldArgument?) -> FieldValue
  ) {
    self.name = name
    self.type = type
    self.isList = list
    self.argument = argument
    self.description = description
    self.extract = extract
  }

  /// The field's value for an event: an index argument on a list field picks one element.
  public func value(of event: Event, argument: FieldArgument?) -> FieldValue {
    let value = extract(event, argument)
    if isList, case .index(let i)? = argument {
      guard case .list(let items) = value else { return .missing }
      return items.indices.contains(i) ? items[i] : .missing
    }
    return value
  }
}

/// The bracket argument of a field reference: `[0]` or `[command]` / `[/a/b]`.
public enum FieldArgument: Sendable, Hashable, CustomStringConvertible {
  /// An integer index.
  case index(Int)
  /// A key or JSON pointer.
  case key(String)

  /// The argument as written.
  public var description: String {
    switch self {
    case .index(let i): String(i)
    case .key(let k): k
    }
  }
}
