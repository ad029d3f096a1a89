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
  /// Reads the value through a per-event context that shares lookups between fields.
  let read: @Sendable (FieldContext, FieldArgument?) -> FieldValue
  /// Prepares a reader for one argument at compile time (a JSON pointer split once), if the
  /// field has more to do than `read` with the argument.
  let specialize: (@Sendable (FieldArgument?) -> @Sendable (FieldContext) -> FieldValue)?
  /// How much one read costs, for ordering the terms of a condition (cheap ones first).
  private(set) var cost: Cost

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
    self.read = { context, argument in extract(context.event, argument) }
    self.specialize = nil
    self.cost = list ? .walk : .lookup
  }

  /// Declares a field that reads through the shared per-event context (`FieldContext`).
  private init(
    _ name: String, _ type: ValueType, list: Bool, argument: ArgumentRule, cost: Cost,
    _ description: String,
    specialize: (@Sendable (FieldArgument?) -> @Sendable (FieldContext) -> FieldValue)?,
    read: @escaping @Sendable (FieldContext, FieldArgument?) -> FieldValue
  ) {
    self.name = name
    self.type = type
    self.isList = list
    self.argument = argument
    self.description = description
    self.extract = { event, argument in read(FieldContext(event: event), argument) }
    self.read = read
    self.specialize = specialize
    self.cost = cost
  }

  /// Declares a field whose extractor reads through the shared per-event context.
  static func reading(
    _ name: String, _ type: ValueType, list: Bool = false, argument: ArgumentRule = .none,
    cost: Cost? = nil, _ description: String,
    specialize: (@Sendable (FieldArgument?) -> @Sendable (FieldContext) -> FieldValue)? = nil,
    read: @escaping @Sendable (FieldContext, FieldArgument?) -> FieldValue
  ) -> Field {
    Field(
      name, type, list: list, argument: argument, cost: cost ?? (list ? .walk : .lookup),
      description, specialize: specialize, read: read)
  }

  /// The same field with another read cost.
  func costing(_ cost: Cost) -> Field {
    var copy = self
    copy.cost = cost
    return copy
  }

  /// The field's value for an event: an index argument on a list field picks one element.
  public func value(of event: Event, argument: FieldArgument?) -> FieldValue {
    value(in: FieldContext(event: event), argument: argument)
  }

  /// The field's value in a per-event context (an index argument picks one element).
  func value(in context: FieldContext, argument: FieldArgument?) -> FieldValue {
    let value = read(context, argument)
    if isList, case .index(let i)? = argument { return Self.element(i, of: value) }
    return value
  }

  /// A reader for one argument, prepared once (see `specialize`); an index picks one element.
  func reader(argument: FieldArgument?) -> @Sendable (FieldContext) -> FieldValue {
    let read: @Sendable (FieldContext) -> FieldValue
    if let specialize {
      read = specialize(argument)
    } else {
      let general = self.read
      read = { context in general(context, argument) }
    }
    if isList, case .index(let i)? = argument {
      return { Self.element(i, of: read($0)) }
    }
    return read
  }

  private static func element(_ i: Int, of value: FieldValue) -> FieldValue {
    guard case .list(let items) = value else { return .missing }
    return items.indices.contains(i) ? items[i] : .missing
  }
}

extension Field {
  /// Relative cost of reading a field once, for ordering condition terms.
  enum Cost: Int, Sendable, Comparable {
    /// A property the audit decoder already holds (`ka.verb`, `ka.user.name`).
    case property
    /// One or a few lookups in the event's JSON.
    case lookup
    /// A walk over a list in the event's JSON (containers, volumes, rules).
    case walk

    static func < (a: Cost, b: Cost) -> Bool { a.rawValue < b.rawValue }
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
