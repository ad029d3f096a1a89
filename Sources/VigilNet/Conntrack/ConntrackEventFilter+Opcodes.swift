extension ConntrackEventFilter {
  /// The classic BPF opcodes the filter uses (linux/bpf_common.h, linux/filter.h).
  enum Opcode {
    /// `A = k`.
    static let loadConstant: UInt16 = 0x00
    /// `A = skb->len`.
    static let loadLength: UInt16 = 0x80
    /// `A = packet[k]` as a 16-bit half word (big-endian).
    static let loadHalfAbsolute: UInt16 = 0x28
    /// `A = packet[k]` as a 32-bit word (big-endian).
    static let loadWordAbsolute: UInt16 = 0x20
    /// `A = packet[k]` as a byte.
    static let loadByteAbsolute: UInt16 = 0x30
    /// `A = packet[X + k]` as a byte.
    static let loadByteIndirect: UInt16 = 0x50
    /// `A = M[k]`.
    static let loadMemory: UInt16 = 0x60
    /// `X = M[k]`.
    static let loadXMemory: UInt16 = 0x61
    /// `M[k] = A`.
    static let store: UInt16 = 0x02
    /// `M[k] = X`.
    static let storeX: UInt16 = 0x03
    /// `A += k`.
    static let addConstant: UInt16 = 0x04
    /// `A += X`.
    static let addX: UInt16 = 0x0C
    /// `A &= k`.
    static let andConstant: UInt16 = 0x54
    /// `A <<= k`.
    static let shiftLeftConstant: UInt16 = 0x64
    /// `X = A`.
    static let moveAToX: UInt16 = 0x07
    /// `A = X`.
    static let moveXToA: UInt16 = 0x87
    /// `pc += (A == k) ? jt : jf`.
    static let jumpIfEqual: UInt16 = 0x15
    /// `pc += (A >= k) ? jt : jf`.
    static let jumpIfAtLeast: UInt16 = 0x35
    /// `pc += (A > X) ? jt : jf`.
    static let jumpIfAboveX: UInt16 = 0x2D
    /// `pc += (A >= X) ? jt : jf`.
    static let jumpIfAtLeastX: UInt16 = 0x3D
    /// `pc += (A & k) != 0 ? jt : jf`.
    static let jumpIfAnySet: UInt16 = 0x45
    /// `pc += k`.
    static let jumpAlways: UInt16 = 0x05
    /// Returns `k`.
    static let returnConstant: UInt16 = 0x06
  }

  /// Scratch memory slots.
  enum Slot {
    /// The offset of the attribute being looked at.
    static let cursor: UInt32 = 0
    /// The end of the attribute list being walked (message end, or a nested attribute's end).
    static let end: UInt32 = 1
    /// Temporary (the high byte of a little-endian half word).
    static let scratch: UInt32 = 2
    /// The length of the attribute at `cursor`.
    static let length: UInt32 = 3
    /// The message end (`nlmsg_len`, checked against the datagram length).
    static let messageEnd: UInt32 = 4
    /// The message's ctnetlink type (`ConntrackWire.messageNew` for an UPDATE,
    /// `ConntrackWire.messageDelete` for a DESTROY).
    static let kind: UInt32 = 5
  }
}
