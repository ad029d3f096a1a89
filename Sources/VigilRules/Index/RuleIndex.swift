import VigilCore
import VigilJSON

/// Candidate rules for an event, by `ka.verb`, `ka.target.resource`, `ka.target.subresource` and
/// stage (`jevt.value[/stage]`): each dimension maps a value to the rules that could match it, so
/// an event is tested only against rules whose required values it has. Rules without a
/// constraint on a dimension are candidates for every value of it.
///
/// The allowed sets of every dimension live in one flat word array (`words`), so choosing the
/// candidates of an event only picks row offsets: no bitset is copied or retained.
struct RuleIndex: Sendable {
  /// How a dimension reads its field: straight from the decoded audit event when the registry's
  /// field is the standard one (same value, no slot), else through the field's slot.
  enum Read: Sendable {
    /// Through the slot table.
    case slot
    /// `ka.verb`: `AuditEvent.verb`, missing when empty.
    case verb
    /// `ka.target.resource`: `objectRef.resource`.
    case resource
    /// `ka.target.subresource`: `objectRef.subresource`.
    case subresource
    /// `jevt.value[pointer]`: the JSON value at the pointer, as its display string.
    case pointer(JSONPointer)
  }

  /// One indexed field (a class: reading a struct of arrays out of the dimension list copied
  /// and retained each of its arrays on every event).
  final class Dimension: Sendable {
    /// The slot of the field.
    let slot: Int
    /// How the field is read.
    let read: Read
    /// The constrained values, parallel to `rows` (searched linearly when few).
    let values: [String]
    /// Offset in `RuleIndex.words` of the rules allowed for each constrained value
    /// (unconstrained rules included).
    let rows: [Int]
    /// Position in `values` by value, for dimensions with many values.
    let positions: [String: Int]
    /// Offset of the rules allowed when the field is missing.
    let missing: Int
    /// Offset of the rules allowed for any other value.
    let otherwise: Int

    /// A dimension over `values`.
    init(
      slot: Int, read: Read, values: [String], rows: [Int], positions: [String: Int],
      missing: Int, otherwise: Int
    ) {
      self.slot = slot
      self.read = read
      self.values = values
      self.rows = rows
      self.positions = positions
      self.missing = missing
      self.otherwise = otherwise
    }

    /// The row of the rules allowed for a string value of the field.
    @inline(__always)
    func row(_ text: String) -> Int {
      if values.count <= 12 {
        for k in values.indices where values[k] == text { return rows[k] }
        return otherwise
      }
      return positions[text].map { rows[$0] } ?? otherwise
    }

    /// The row of the rules allowed for the event's value of the field.
    func row(_ value: FieldValue) -> Int {
      switch value {
      case .string(let text): row(text)
      case .missing: missing
      default: otherwise
      }
    }

    /// The row for the event in `context`.
    func row(_ context: EvaluationContext) -> Int {
      switch read {
      case .slot:
        return row(context.value(slot))
      case .verb:
        guard let verb = context.audit?.verb, !verb.isEmpty else { return missing }
        return row(verb)
      case .resource:
        guard let resource = context.audit?.objectRef?.resource else { return missing }
        return row(resource)
      case .subresource:
        guard let subresource = context.audit?.objectRef?.subresource else { return missing }
        return row(subresource)
      case .pointer(let pointer):
        guard let node = pointer.resolve(in: context.auditRoot) else { return missing }
        // Byte-equal strings are equal; the values are distinct as strings, so the first
        // byte match is the only match. Anything else takes the general path.
        if values.count <= 12 && node.kind == .string {
          for k in values.indices where node.stringEquals(values[k]) { return rows[k] }
        }
        return row(node.displayString)
      }
    }
  }

  /// The fields indexed on, as written in conditions.
  static let indexedFields: [(name: String, argument: String?)] = [
    ("ka.verb", nil), ("ka.target.resource", nil), ("ka.target.subresource", nil),
    ("jevt.value", "/stage"),
  ]

  /// The dimensions whose field exists in the registry.
  var dimensions: [Dimension]
  /// Every allowed set, `wordCount` words each, at the offsets the dimensions give.
  var words: [UInt64]
  /// Words per rule set.
  var wordCount: Int
  /// Rules evaluated for each source, enabled only: a short scan of strings beats hashing the
  /// source of every event.
  var sources: [(source: String, rules: RuleBitset)]
  /// Number of rules.
  var count: Int

  /// Builds the index; `constraints[d][r]` is rule r's value set on dimension d (nil = any;
  /// `RuleConstraints.missing` in a set allows the field to be missing); `reads[d]` says how
  /// dimension d reads its field.
  init(
    ruleCount: Int, slots: [Int], reads: [Read], constraints: [[Set<String>?]],
    bySource: [String: RuleBitset]
  ) {
    count = ruleCount
    sources = bySource.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    wordCount = RuleBitset(count: ruleCount).words.count
    dimensions = []
    words = []
    for (d, slot) in slots.enumerated() {
      var otherwiseBits = RuleBitset(count: ruleCount)
      var values: Set<String> = []
      for r in 0..<ruleCount {
        if let set = constraints[d][r] { values.formUnion(set) } else { otherwiseBits.insert(r) }
      }
      func allowing(_ value: String) -> RuleBitset {
        var bits = otherwiseBits
        for r in 0..<ruleCount where constraints[d][r]?.contains(value) == true { bits.insert(r) }
        return bits
      }
      func append(_ bits: RuleBitset) -> Int {
        let offset = words.count
        words += bits.words
        return offset
      }
      let missing = append(allowing(RuleConstraints.missing))
      let otherwise = append(otherwiseBits)
      values.remove(RuleConstraints.missing)
      let sorted = values.sorted()
      var positions: [String: Int] = [:]
      for (k, value) in sorted.enumerated() { positions[value] = k }
      let rows = sorted.map { append(allowing($0)) }
      dimensions.append(
        Dimension(
          slot: slot, read: d < reads.count ? reads[d] : .slot, values: sorted, rows: rows,
          positions: positions, missing: missing, otherwise: otherwise))
    }
  }

  /// The enabled rules of a source.
  @inline(__always)
  func enabled(for source: String) -> RuleBitset? {
    for entry in sources where entry.source == source { return entry.rules }
    return nil
  }

  /// The row offsets (in `words`) of the rules allowed by each dimension for the event,
  /// written to `rows` (one per dimension).
  func rows(_ context: EvaluationContext, into rows: UnsafeMutableBufferPointer<Int>) {
    for d in dimensions.indices {
      rows[d] = dimensions[d].row(context)
    }
  }

  /// How the standard registry's field `name[argument]` can be read without its slot; `.slot`
  /// when `field` is not the standard field of that name (custom registries).
  static func read(name: String, argument: String?, field: Field) -> Read {
    guard let standard = FieldRegistry.standard.field(named: name),
      standard.description == field.description, standard.type == field.type,
      standard.isList == field.isList, standard.argument == field.argument
    else { return .slot }
    switch (name, argument) {
    case ("ka.verb", nil): return .verb
    case ("ka.target.resource", nil): return .resource
    case ("ka.target.subresource", nil): return .subresource
    case ("jevt.value", let pointer?): return .pointer(JSONPointer(pointer))
    default: return .slot
    }
  }
}
