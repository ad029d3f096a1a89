/// One classic BPF instruction (`struct sock_filter`), as attached with SO_ATTACH_FILTER.
public struct BPFInstruction: Sendable, Hashable {
  /// The opcode (class, size, mode / operation, source).
  public var code: UInt16
  /// Instructions to skip when a conditional jump is taken.
  public var jumpTrue: UInt8
  /// Instructions to skip when it is not.
  public var jumpFalse: UInt8
  /// The constant operand.
  public var k: UInt32

  /// Creates an instruction.
  public init(code: UInt16, jumpTrue: UInt8 = 0, jumpFalse: UInt8 = 0, k: UInt32 = 0) {
    self.code = code
    self.jumpTrue = jumpTrue
    self.jumpFalse = jumpFalse
    self.k = k
  }

  /// `A = packet[k]` as a 32-bit word (also the form of ancillary loads at `0xFFFFF000 + n`).
  static let loadWordAbsolute: UInt16 = 0x20
  /// `A = packet[k]` as a 16-bit half word.
  static let loadHalfAbsolute: UInt16 = 0x28
  /// `A = packet[k]` as a byte.
  static let loadByteAbsolute: UInt16 = 0x30
  /// `A = packet[X + k]` as a 16-bit half word.
  static let loadHalfIndirect: UInt16 = 0x48
  /// `X = 4 * (packet[k] & 0x0F)` (the IPv4 header length).
  static let loadIPv4HeaderLength: UInt16 = 0xB1
  /// `A &= k`.
  static let andConstant: UInt16 = 0x54
  /// `pc += (A == k) ? jt : jf`.
  static let jumpIfEqual: UInt16 = 0x15
  /// `pc += (A & k) != 0 ? jt : jf`.
  static let jumpIfAnySet: UInt16 = 0x45
  /// `pc += k`.
  static let jumpAlways: UInt16 = 0x05
  /// Returns `k` (bytes of the packet to keep; 0 drops it).
  static let returnConstant: UInt16 = 0x06
}
