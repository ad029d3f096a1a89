import VigilCore

/// One distinct field reference (name, argument, transformers) that compiled rules read; each
/// is extracted at most once per event and shared by every rule that reads it.
struct FieldSlot: Sendable {
  /// The reference as written (`tolower(ka.uri.param[command])`).
  var key: String
  /// The value type after transformers.
  var type: Field.ValueType
  /// True when the value is a list.
  var isList: Bool
  /// Reads the value, coerced to `type` and transformed.
  var extract: @Sendable (Event) -> FieldValue
}

/// A condition compiled to a closure over the per-event context.
typealias Predicate = @Sendable (EvaluationContext) -> Bool

/// The per-event state of an evaluation: the event and the field values read so far.
final class EvaluationContext {
  /// The event being evaluated.
  let event: Event
  private let slots: [FieldSlot]
  private var values: [FieldValue]
  private var filled: [Bool]

  /// A context for one event over a slot table.
  init(event: Event, slots: [FieldSlot]) {
    self.event = event
    self.slots = slots
    self.values = Array(repeating: .missing, count: slots.count)
    self.filled = Array(repeating: false, count: slots.count)
  }

  /// The value of a slot, extracted on first use.
  @inline(__always)
  func value(_ slot: Int) -> FieldValue {
    if filled[slot] { return values[slot] }
    let value = slots[slot].extract(event)
    values[slot] = value
    filled[slot] = true
    return value
  }
}
