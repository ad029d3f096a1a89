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
      for slot in [Slot.cursor, Slot.end, Slot.scratch, Slot.length, Slot.messageEnd, Slot.kind] {
        emit(Op.store, slot)
      }
    }

    /// Passes (accepts) unless the datagram starts with a multicast ctnetlink UPDATE (or, when
    /// `destroys`, DESTROY) whose `nlmsg_len` fits in it; stores that length as
    /// `Slot.messageEnd` and the message type as `Slot.kind`.
    mutating func header(destroys: Bool = false) {
      let name = block("header")
      let accept = BPFAssembler.Target.label("\(name)-accept")
      let minimum = Self.attributesStart
      emit(Op.loadLength)
      jump(Op.jumpIfAtLeast, minimum, ifFalse: accept)
      // nlmsg_type: subsystem (high byte) conntrack, message (low byte) IPCTNL_MSG_CT_NEW (or
      // IPCTNL_MSG_CT_DELETE).
      emit(Op.loadByteAbsolute, 5)
      jump(Op.jumpIfEqual, UInt32(ConntrackWire.subsystemConntrack), ifFalse: accept)
      emit(Op.loadByteAbsolute, 4)
      if destroys {
        let known = BPFAssembler.Target.label("\(name)-known")
        jump(Op.jumpIfEqual, UInt32(ConntrackWire.messageNew), ifTrue: known)
        jump(Op.jumpIfEqual, UInt32(ConntrackWire.messageDelete), ifFalse: accept)
        assembler.label("\(name)-known")
      } else {
        jump(Op.jumpIfEqual, UInt32(ConntrackWire.messageNew), ifFalse: accept)
      }
      emit(Op.store, Slot.kind)
      // nlmsg_flags 0 (a NEW event has CREATE|EXCL, a dump part MULTI; an UPDATE and a DESTROY
      // have none), nlmsg_seq 0 (replies to requests carry the request's number). Zero tests
      // need no byte swapping.
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

    /// With A = cursor + 4 and X = end: goes to `accept` (pass) unless the attribute at the cursor
    /// is whole (its header within the end, nla_len ≥ 4, cursor + nla_len ≤ end), keeps its length
    /// in `Slot.length`, and goes to `skip` unless the low byte of its type is `type`; falls
    /// through with A = the type's high byte (nested and byte-order flags, checked by the caller).
    mutating func matchAttribute(
      _ type: UInt8, accept: BPFAssembler.Target, skip: BPFAssembler.Target
    ) {
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
    }

    /// cursor += NLA_ALIGN(`Slot.length`): the next attribute.
    mutating func advanceCursor() {
      emit(Op.loadMemory, Slot.length)
      emit(Op.addConstant, 3)
      emit(Op.andConstant, ~UInt32(3))
      emit(Op.loadXMemory, Slot.cursor)
      emit(Op.addX)
      emit(Op.store, Slot.cursor)
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
        matchAttribute(type, accept: accept, skip: skip)
        jump(Op.jumpIfAnySet, 0x3F, ifTrue: skip)
        assembler.jump(to: found)
        assembler.label("\(name)-\(step)-accept")
        emit(Op.returnConstant, acceptLength)
        assembler.label("\(name)-\(step)-skip")
        advanceCursor()
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

    /// Drops the message unless `A == value` (then goes on with `A` unchanged); with
    /// `passingDestroys`, a DESTROY (`Slot.kind`) passes instead of being dropped.
    mutating func dropUnless(equalTo value: UInt32, passingDestroys: Bool = false) {
      let name = block("require")
      jump(Op.jumpIfEqual, value, ifTrue: .label("\(name)-match"))
      if passingDestroys {
        emit(Op.loadMemory, Slot.kind)
        jump(
          Op.jumpIfEqual, UInt32(ConntrackWire.messageDelete), ifTrue: .label("\(name)-accept"))
        emit(Op.returnConstant, 0)
        assembler.label("\(name)-accept")
        emit(Op.returnConstant, acceptLength)
      } else {
        emit(Op.returnConstant, 0)
      }
      assembler.label("\(name)-match")
    }

    /// For a DESTROY (`Slot.kind`): drops it when `A` is one of `dropped` and the message has
    /// no top-level attribute of type `unless` (else passes). Otherwise (an UPDATE) goes on
    /// with `A` unchanged.
    mutating func destroyVerdict(droppingAny dropped: [UInt32], unless type: UInt8) {
      let name = block("destroy")
      emit(Op.store, Slot.scratch)
      emit(Op.loadMemory, Slot.kind)
      jump(
        Op.jumpIfEqual, UInt32(ConntrackWire.messageDelete),
        ifFalse: .label("\(name)-to-update"))
      emit(Op.loadMemory, Slot.scratch)
      for value in dropped {
        jump(Op.jumpIfEqual, value, ifTrue: .label("\(name)-check"))
      }
      emit(Op.returnConstant, acceptLength)
      // The attribute walk below is longer than a conditional jump reaches.
      assembler.label("\(name)-to-update")
      assembler.jump(to: "\(name)-update")
      assembler.label("\(name)-check")
      startTopLevel()
      passIfPresent(type: type, within: topLevelLimit)
      emit(Op.returnConstant, 0)
      assembler.label("\(name)-update")
      emit(Op.loadMemory, Slot.scratch)
    }

    /// Walks at most `limit` attributes from the cursor to the end: passes the message when one
    /// is of `type`, when the limit is reached first, or when an attribute's length is below 4
    /// or runs past the end; goes on when the list ends without one.
    mutating func passIfPresent(type: UInt8, within limit: Int) {
      let name = block("absent")
      let absent = "\(name)-absent"
      for step in 0..<limit {
        let accept = BPFAssembler.Target.label("\(name)-\(step)-accept")
        let skip = BPFAssembler.Target.label("\(name)-\(step)-skip")
        let end = BPFAssembler.Target.label("\(name)-\(step)-end")
        // The list ends: cursor >= end.
        emit(Op.loadXMemory, Slot.end)
        emit(Op.loadMemory, Slot.cursor)
        jump(Op.jumpIfAtLeastX, ifTrue: end)
        // The attribute header fits: cursor + 4 <= end.
        emit(Op.addConstant, 4)
        matchAttribute(type, accept: accept, skip: skip)
        jump(Op.jumpIfAnySet, 0x3F, ifTrue: skip, ifFalse: accept)
        assembler.label("\(name)-\(step)-end")
        assembler.jump(to: absent)
        assembler.label("\(name)-\(step)-accept")
        emit(Op.returnConstant, acceptLength)
        assembler.label("\(name)-\(step)-skip")
        advanceCursor()
      }
      emit(Op.returnConstant, acceptLength)
      assembler.label(absent)
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
