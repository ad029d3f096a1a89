/// Builds a classic BPF program with named jump targets and resolves them to the relative
/// offsets the kernel wants (forward only, at most 255 instructions for a conditional jump).
struct BPFAssembler {
  /// A jump target: fall through to the next instruction, or a label.
  enum Target: Hashable {
    case next
    case label(String)
  }

  struct Item {
    var instruction: BPFInstruction
    var whenTrue: Target = .next
    var whenFalse: Target = .next
    var always: Target?
  }

  var items: [Item] = []
  var labels: [String: Int] = [:]

  /// Marks the next instruction as `name`.
  mutating func label(_ name: String) { labels[name] = items.count }

  /// Appends a non-jumping instruction.
  mutating func emit(_ code: UInt16, _ k: UInt32 = 0) {
    items.append(Item(instruction: BPFInstruction(code: code, k: k)))
  }

  /// Appends a conditional jump on `A` compared with `k`.
  mutating func jump(
    _ code: UInt16, _ k: UInt32, ifTrue: Target = .next, ifFalse: Target = .next
  ) {
    items.append(
      Item(instruction: BPFInstruction(code: code, k: k), whenTrue: ifTrue, whenFalse: ifFalse))
  }

  /// Appends an unconditional jump.
  mutating func jump(to target: String) {
    items.append(
      Item(instruction: BPFInstruction(code: BPFInstruction.jumpAlways), always: .label(target)))
  }

  /// The program, or nil when a label is missing or a jump goes backwards or too far.
  func assemble() -> [BPFInstruction]? {
    var program: [BPFInstruction] = []
    for (index, item) in items.enumerated() {
      var instruction = item.instruction
      if let always = item.always {
        guard let skip = distance(from: index, to: always, limit: Int(UInt32.max)) else {
          return nil
        }
        instruction.k = UInt32(skip)
      } else if item.whenTrue != .next || item.whenFalse != .next {
        guard let t = distance(from: index, to: item.whenTrue, limit: 255),
          let f = distance(from: index, to: item.whenFalse, limit: 255)
        else { return nil }
        instruction.jumpTrue = UInt8(t)
        instruction.jumpFalse = UInt8(f)
      }
      program.append(instruction)
    }
    return program
  }

  func distance(from index: Int, to target: Target, limit: Int) -> Int? {
    switch target {
    case .next:
      return 0
    case .label(let name):
      guard let position = labels[name], position > index, position - index - 1 <= limit else {
        return nil
      }
      return position - index - 1
    }
  }
}
