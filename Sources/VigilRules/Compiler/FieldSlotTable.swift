import VigilCore

/// Binds field references to registry fields and numbers the distinct ones (slots).
struct FieldSlotTable: Sendable {
  /// The registry fields are looked up in.
  let registry: FieldRegistry
  /// Slots in creation order.
  private(set) var slots: [FieldSlot] = []
  private var byKey: [String: Int] = [:]

  init(registry: FieldRegistry) {
    self.registry = registry
  }

  /// Why a reference cannot be bound.
  struct BindError: Error {
    var code: RuleDiagnostic.Code
    var message: String
    var suggestions: [String] = []
  }

  /// The slot of a reference, creating it on first use.
  mutating func bind(_ reference: FieldReference) throws(BindError) -> Int {
    let key = reference.description
    if let slot = byKey[key] { return slot }
    guard let field = registry.field(named: reference.name) else {
      throw BindError(
        code: .unknownField, message: "unknown field '\(reference.name)'",
        suggestions: registry.suggestions(for: reference.name))
    }
    let argument = try Self.argument(reference.argument, for: field)
    var type = field.type
    var isList = field.isList
    if case .index? = argument, field.isList { isList = false }
    var extract = Self.coercing(field: field, argument: argument)
    for transformer in reference.transformers {
      guard let step = FieldTransformer(rawValue: transformer) else {
        throw BindError(code: .conditionSyntax, message: "unknown transformer '\(transformer)'")
      }
      guard step == .len || type == .string else {
        throw BindError(
          code: .typeMismatch,
          message: "transformer '\(transformer)' needs a string field, '\(reference.name)' is \(type.rawValue)")
      }
      let inner = extract
      extract = { step.apply(to: inner($0)) }
      if step == .len {
        type = .number
        isList = false
      }
    }
    let slot = slots.count
    var cost = field.cost
    if !reference.transformers.isEmpty { cost = max(cost, .lookup) }
    slots.append(FieldSlot(key: key, type: type, isList: isList, cost: cost, extract: extract))
    byKey[key] = slot
    return slot
  }

  /// Parses and checks a bracket argument against the field's rule.
  static func argument(_ text: String?, for field: Field) throws(BindError) -> FieldArgument? {
    switch field.argument {
    case .none:
      guard text == nil else {
        throw BindError(code: .fieldArgument, message: "field '\(field.name)' takes no argument")
      }
      return nil
    case .requiredKey:
      guard let text, !text.isEmpty else {
        throw BindError(
          code: .fieldArgument, message: "field '\(field.name)' requires an argument in brackets")
      }
      return .key(text)
    case .optionalIndex:
      guard let text else { return nil }
      guard let index = Int(text), index >= 0 else {
        throw BindError(
          code: .fieldArgument,
          message: "field '\(field.name)' takes a numeric index argument, not '\(text)'")
      }
      return .index(index)
    }
  }

  /// The field's extractor with values coerced to its declared scalar type.
  private static func coercing(field: Field, argument: FieldArgument?)
    -> @Sendable (FieldContext) -> FieldValue
  {
    let type = field.type
    let read = field.reader(argument: argument)
    return { context in
      let value = read(context)
      switch value {
      case .missing: return .missing
      case .list(let items):
        if items.isEmpty { return .missing }
        // Extractors nearly always produce the declared type: keep the array then.
        if items.allSatisfy({ hasType($0, type) }) { return value }
        return .list(items.map { coerce($0, to: type) })
      default: return hasType(value, type) ? value : coerce(value, to: type)
      }
    }
  }
}

/// True when a scalar already has the declared type.
@inline(__always)
private func hasType(_ value: FieldValue, _ type: Field.ValueType) -> Bool {
  switch (type, value) {
  case (.string, .string), (.number, .number), (.bool, .bool): true
  default: false
  }
}

/// A scalar as the declared type: strings stay strings, numbers and bools parse from text.
func coerce(_ value: FieldValue, to type: Field.ValueType) -> FieldValue {
  switch (type, value) {
  case (.string, .string), (.number, .number), (.bool, .bool), (_, .missing), (_, .list):
    return value
  case (.string, _):
    return .string(value.display)
  case (.number, .string(let text)):
    return Int64(text).map(FieldValue.number) ?? .string(text)
  case (.number, .bool(let flag)):
    return .number(flag ? 1 : 0)
  case (.bool, .string(let text)):
    return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
  case (.bool, .number(let n)):
    return .bool(n != 0)
  }
}
