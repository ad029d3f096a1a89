@testable import VigilNet

/// Runs the classic BPF instructions the capture filter uses, as the kernel does, so the
/// filter can be checked on frames without a socket. Returns nil for an instruction it does not
/// know or a jump out of the program.
struct BPFInterpreter {
  let program: [BPFInstruction]

  func run(_ frame: [UInt8], hardwareType: UInt32) -> UInt32? {
    var a: UInt32 = 0
    var x: UInt32 = 0
    var pc = 0
    func load(_ offset: Int, _ size: Int) -> UInt32? {
      guard offset >= 0, offset + size <= frame.count else { return nil }
      return frame[offset..<(offset + size)].reduce(0) { $0 << 8 | UInt32($1) }
    }
    while pc < program.count {
      let i = program[pc]
      pc += 1
      switch i.code {
      case BPFInstruction.loadWordAbsolute:
        if i.k == 0xFFFF_F000 &+ 28 {
          a = hardwareType
        } else {
          guard let value = load(Int(i.k), 4) else { return 0 }
          a = value
        }
      case BPFInstruction.loadHalfAbsolute:
        guard let value = load(Int(i.k), 2) else { return 0 }
        a = value
      case BPFInstruction.loadByteAbsolute:
        guard let value = load(Int(i.k), 1) else { return 0 }
        a = value
      case BPFInstruction.loadHalfIndirect:
        guard let value = load(Int(x) + Int(i.k), 2) else { return 0 }
        a = value
      case BPFInstruction.loadIPv4HeaderLength:
        guard let value = load(Int(i.k), 1) else { return 0 }
        x = (value & 0x0F) * 4
      case BPFInstruction.andConstant:
        a &= i.k
      case BPFInstruction.jumpIfEqual:
        pc += Int(a == i.k ? i.jumpTrue : i.jumpFalse)
      case BPFInstruction.jumpIfAnySet:
        pc += Int(a & i.k != 0 ? i.jumpTrue : i.jumpFalse)
      case BPFInstruction.jumpAlways:
        pc += Int(i.k)
      case BPFInstruction.returnConstant:
        return i.k
      default:
        return nil
      }
    }
    return nil
  }
}
