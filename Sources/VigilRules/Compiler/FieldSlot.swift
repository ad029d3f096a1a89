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
/// Values live in one manually managed buffer: this is the hot path, and plain arrays in a class
/// pay for uniqueness and exclusivity checks on every read. Only the slots actually read are
/// initialized (a byte flag per slot says which), and teardown destroys just those, listed in
/// read order, instead of running the generic destroy over every slot of the table.
final class EvaluationContext: FieldContext {
  private let slots: [FieldSlot]
  /// Each slot's value once read; uninitialized before (see `filled`).
  private let values: UnsafeMutablePointer<FieldValue>
  /// The slots read so far, in read order (`readCount` of them).
  private let readSlots: UnsafeMutablePointer<Int>
  /// One byte per slot: nonzero once the slot's value is initialized.
  private let filled: UnsafeMutablePointer<UInt8>
  private var readCount = 0
  private let storage: UnsafeMutableRawPointer

  /// A context for one event over a slot table.
  init(event: Event, slots: [FieldSlot]) {
    self.slots = slots
    let count = max(1, slots.count)
    let valueBytes = MemoryLayout<FieldValue>.stride * count
    let slotOffset = (valueBytes + 7) & ~7
    let flagOffset = slotOffset + MemoryLayout<Int>.stride * count
    storage = .allocate(
      byteCount: flagOffset + count,
      alignment: max(MemoryLayout<FieldValue>.alignment, MemoryLayout<Int>.alignment))
    values = storage.bindMemory(to: FieldValue.self, capacity: count)
    readSlots = (storage + slotOffset).bindMemory(to: Int.self, capacity: count)
    filled = (storage + flagOffset).bindMemory(to: UInt8.self, capacity: count)
    filled.initialize(repeating: 0, count: count)
    super.init(event: event)
  }

  deinit {
    for k in 0..<readCount {
      (values + readSlots[k]).deinitialize(count: 1)
    }
    storage.deallocate()
  }

  /// The value of a slot, extracted on first use.
  @inline(__always)
  func value(_ slot: Int) -> FieldValue {
    if filled[slot] != 0 { return values[slot] }
    let value = slots[slot].extract(self)
    (values + slot).initialize(to: value)
    filled[slot] = 1
    readSlots[readCount] = slot
    readCount += 1
    return value
  }
}
