extension ConntrackEventFilter {
  /// Emits the filter's blocks on a `BPFAssembler`. Every block keeps its jumps short (each
  /// conditional jump to "accept" goes to a `ret` placed right after the block), so no jump
  /// exceeds the 255 instructions a conditional jump can skip.
  struct Builder {
    typealias Op = Opcode
    var assembler = BPFAssembler()
    private var blocks = 0

    /// Offset of the first top-level attribute: `nlmsghdr` (16) + `nfgenmsg` (4).
    static let attributesStart = UInt32(ConntrackWire.headerSize + ConntrackWire.nfgenSize)

    /// A fresh label prefix for one block.
    private mutating func block(_ name: String) -> String {
      blocks += 1
      return "\(name)-\(blocks)"
    }

    private mutating func emit(_ code: UInt16, _ k: UInt32 = 0) { assembler.emit(code, k) }

    private mutating func jump(
      _ code: UInt16, _ k: UInt32 = 0, ifTrue: BPFAssembler.Target = .next,
      ifFalse: BPFAssembler.Target = .next
    ) {
      assembler.jump(code, k, ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// `ret accept` under `label`, jumped over by the code falling through to `over`.
    private mutating func acceptExit(_ label: String, over: String) {
      assembler.jump(to: over)
      assembler.label(label)
      emit(Op.returnConstant, acceptLength)
      assembler.label(over)
    }

    /// `A = little-endian u16 at packet[X + k]`; X ends up clobbered.
    private mutating func loadLittleEndianHalf(indirect k: UInt32) {
      emit(Op.loadByteIndirect, k + 1)
      emit(Op.shiftLeftConstant, 8)
      emit(Op.store, Slot.scratch)
      emit(Op.loadByteIndirect, k)
      emit(Op.loadXMemory, Slot.scratch)
      emit(Op.addX)
    }

    /// Writes 0 to every scratch slot used: the kernel rejects a program that may read a slot
    /// before writing it, and its check follows the code in order (also past a `ret`).
    mutating func clearMemory() {
      emit(Op.loadConstant, 0)
      for slot in [Slot.cursor, Slot.end, Slot.scratch, Slot.length, Slot.messageEnd] {
        emit(Op.store, slot)
      }
    }

    /// Passes (accepts) unless the datagram starts with a multicast ctnetlink UPDATE whose
    /// `nlmsg_len` fits in it; stores that length as `Slot.messageEnd`.
    mutating func header() {
      let name = block("header")
      let accept = BPFAssembler.Target.label("\(name)-accept")
      let minimum = Self.attributesStart
      emit(Op.loadLength)
      jump(Op.jumpIfAtLeast, minimum, ifFalse: accept)
      // nlmsg_type: subsystem (high byte) conntrack, message (low byte) IPCTNL_MSG_CT_NEW.
      emit(Op.loadByteAbsolute, 5)
      jump(Op.jumpIfEqual, UInt32(ConntrackWire.subsystemConntrack), ifFalse: accept)
      emit(Op.loadByteAbsolute, 4)
      jump(Op.jumpIfEqual, UInt32(ConntrackWire.messageNew), ifFalse: accept)
      // nlmsg_flags 0 (a NEW event has CREATE|EXCL, a dump part MULTI), nlmsg_seq 0 (replies
      // to requests carry the request's number). Zero tests need no byte swapping.
      emit(Op.loadHalfAbsolute, 6)
      jump(Op.jumpIfEqual, 0, ifFalse: accept)
      emit(Op.loadWordAbsolute, 8)
      jump(Op.jumpIfEqual, 0, ifFalse: accept)
      // nlmsg_len (little-endian u32): below 64 KiB, at least the headers, within the datagram.
      emit(Op.loadHalfAbsolute, 2)
      jump(Op.jumpIfEqual, 0, ifFalse: accept)
      emit(Op.loadByteAbsolute, 1)
      emit(Op.shiftLeftConstant, 8)
      emit(Op.store, Slot.scratch)
      emit(Op.loadByteAbsolute, 0)
      emit(Op.loadXMemory, Slot.scratch)
      emit(Op.addX)
      jump(Op.jumpIfAtLeast, minimum, ifFalse: accept)
      emit(Op.store, Slot.messageEnd)
      emit(Op.moveAToX)
      emit(Op.loadLength)
      jump(Op.jumpIfAtLeastX, ifFalse: accept)
      acceptExit("\(name)-accept", over: "\(name)-body")
    }

    /// Starts a walk of the top-level attributes (cursor after the headers, end the message's).
    mutating func startTopLevel() {
      emit(Op.loadConstant, Self.attributesStart)
      emit(Op.store, Slot.cursor)
      emit(Op.loadMemory, Slot.messageEnd)
      emit(Op.store, Slot.end)
    }

    /// Walks at most `limit` attributes from the cursor to the end, stopping on the first of
    /// `type` (nested and byte-order flags ignored) with the cursor on it and its length in
    /// `Slot.length`. Passes the message when the list ends first, the limit is reached, or an
    /// attribute's length is below 4 or runs past the end.
    mutating func find(type: UInt8, within limit: Int) {
      let name = block("find")
      let found = "\(name)-found"
      for step in 0..<limit {
        let accept = BPFAssembler.Target.label("\(name)-\(step)-accept")
        let skip = BPFAssembler.Target.label("\(name)-\(step)-skip")
        // The attribute header fits: cursor + 4 <= end.
        emit(Op.loadXMemory, Slot.cursor)
        emit(Op.moveXToA)
        emit(Op.addConstant, 4)
        emit(Op.loadXMemory, Slot.end)
        jump(Op.jumpIfAboveX, ifTrue: accept)
        // nla_len >= 4 and cursor + nla_len <= end.
        emit(Op.loadXMemory, Slot.cursor)
        loadLittleEndianHalf(indirect: 0)
        jump(Op.jumpIfAtLeast, 4, ifFalse: accept)
        emit(Op.store, Slot.length)
        emit(Op.loadXMemory, Slot.cursor)
        emit(Op.addX)
        emit(Op.loadXMemory, Slot.end)
        jump(Op.jumpIfAboveX, ifTrue: accept)
        // nla_type & NLA_TYPE_MASK == type: low byte equal, high byte's low 6 bits zero.
        emit(Op.loadXMemory, Slot.cursor)
        emit(Op.loadByteIndirect, 2)
        jump(Op.jumpIfEqual, UInt32(type), ifFalse: skip)
        emit(Op.loadByteIndirect, 3)
        jump(Op.jumpIfAnySet, 0x3F, ifTrue: skip)
        assembler.jump(to: found)
        assembler.label("\(name)-\(step)-accept")
        emit(Op.returnConstant, acceptLength)
        // cursor += NLA_ALIGN(nla_len)
        assembler.label("\(name)-\(step)-skip")
        emit(Op.loadMemory, Slot.length)
        emit(Op.addConstant, 3)
        emit(Op.andConstant, ~UInt32(3))
        emit(Op.loadXMemory, Slot.cursor)
        emit(Op.addX)
        emit(Op.store, Slot.cursor)
      }
      emit(Op.returnConstant, acceptLength)
      assembler.label(found)
    }

    /// Makes the found attribute's payload the list walked next.
    mutating func descend() {
      emit(Op.loadMemory, Slot.cursor)
      emit(Op.loadXMemory, Slot.length)
      emit(Op.addX)
      emit(Op.store, Slot.end)
      emit(Op.loadMemory, Slot.cursor)
      emit(Op.addConstant, 4)
      emit(Op.store, Slot.cursor)
    }

    /// `A =` the found attribute's first payload byte (passes when it has no payload).
    mutating func loadFoundByte() {
      let name = block("byte")
      emit(Op.loadMemory, Slot.length)
      jump(Op.jumpIfAtLeast, 5, ifFalse: .label("\(name)-accept"))
      emit(Op.loadXMemory, Slot.cursor)
      emit(Op.loadByteIndirect, 4)
      acceptExit("\(name)-accept", over: "\(name)-done")
    }

    /// Drops the message unless `A == value` (then goes on).
    mutating func dropUnless(equalTo value: UInt32) {
      let name = block("require")
      jump(Op.jumpIfEqual, value, ifTrue: .label("\(name)-match"))
      emit(Op.returnConstant, 0)
      assembler.label("\(name)-match")
    }

    /// Passes when `A` is one of `values`, else drops; ends the program.
    mutating func acceptIf(equalToAny values: [UInt32]) {
      let name = block("match")
      for value in values {
        jump(Op.jumpIfEqual, value, ifTrue: .label("\(name)-accept"))
      }
      emit(Op.returnConstant, 0)
      assembler.label("\(name)-accept")
      emit(Op.returnConstant, acceptLength)
    }
  }
}
