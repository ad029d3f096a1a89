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
  /// How much one read costs (see `Field.Cost`).
  var cost: Field.Cost
  /// Reads the value, coerced to `type` and transformed.
  var extract: @Sendable (FieldContext) -> FieldValue
}

/// A condition compiled to a closure over the per-event context.
typealias Predicate = @Sendable (EvaluationContext) -> Bool

/// A predicate stored in a struct: closures kept directly in arrays are re-abstracted (wrapped in
/// a thunk) on every store and load, which showed up as a third of evaluation time.
struct PredicateBox: Sendable {
  /// The compiled condition.
  let run: Predicate
}

/// The per-event state of an evaluation: the event and the field values read so far.
///
/// Values live in manually managed buffers: this is the hot path, and plain arrays in a class
/// pay for uniqueness and exclusivity checks on every read.
final class EvaluationContext: FieldContext {
  private let slots: [FieldSlot]
  /// Each slot's value once read, nil before (one buffer: no separate "filled" flags).
  private let values: UnsafeMutablePointer<FieldValue?>
  private let count: Int

  /// A context for one event over a slot table.
  init(event: Event, slots: [FieldSlot]) {
    self.slots = slots
    count = slots.count
    values = .allocate(capacity: max(1, count))
    values.initialize(repeating: nil, count: count)
    super.init(event: event)
  }

  deinit {
    values.deinitialize(count: count)
    values.deallocate()
  }

  /// The value of a slot, extracted on first use.
  @inline(__always)
  func value(_ slot: Int) -> FieldValue {
    if let value = values[slot] { return value }
    let value = slots[slot].extract(self)
    values[slot] = value
    return value
  }
}
