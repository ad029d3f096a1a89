/// The classic BPF program the capture socket attaches, so that only DNS traffic reaches user
/// space: IPv4 or IPv6, UDP or TCP, source or destination port 53. Ethernet frames (with zero,
/// one or two VLAN tags) and raw-IP frames are told apart by the interface's ARPHRD type (the
/// kernel's `hatype` ancillary field). Also kept, so the capture can count what it cannot read:
/// non-first IPv4 fragments of UDP/TCP and IPv6 packets with extension headers.
public enum PacketCaptureFilter {
  /// Bytes of an accepted packet kept (the whole packet).
  public static let snapLength: UInt32 = 0x40000

  /// The DNS program.
  public static let dns: [BPFInstruction] = build() ?? []

  static let accept = "accept"
  static let drop = "drop"

  static func build() -> [BPFInstruction]? {
    typealias I = BPFInstruction
    var a = BPFAssembler()
    a.emit(I.loadWordAbsolute, 0xFFFF_F000 &+ 28)  // SKF_AD_OFF + SKF_AD_HATYPE
    a.jump(I.jumpIfEqual, 1, ifTrue: .label("eth"))  // ARPHRD_ETHER
    a.jump(I.jumpIfEqual, 772, ifTrue: .label("eth"), ifFalse: .label("raw"))  // ARPHRD_LOOPBACK

    a.label("eth")
    for (depth, offset) in [12, 16, 20].enumerated() {
      a.emit(I.loadHalfAbsolute, UInt32(offset))
      a.jump(I.jumpIfEqual, 0x0800, ifTrue: .label("v4-\(offset + 2)"))
      a.jump(I.jumpIfEqual, 0x86DD, ifTrue: .label("v6-\(offset + 2)"))
      if depth < 2 {
        let tag = Target.label("tag-\(depth + 1)")
        a.jump(I.jumpIfEqual, 0x8100, ifTrue: tag)
        a.jump(I.jumpIfEqual, 0x88A8, ifTrue: tag)
        a.jump(I.jumpIfEqual, 0x9100, ifTrue: tag, ifFalse: .label(drop))
        a.label("tag-\(depth + 1)")
      } else {
        a.jump(to: drop)
      }
    }

    a.label("raw")
    a.emit(I.loadByteAbsolute, 0)
    a.emit(I.andConstant, 0xF0)
    a.jump(I.jumpIfEqual, 0x40, ifTrue: .label("v4-0"))
    a.jump(I.jumpIfEqual, 0x60, ifTrue: .label("v6-0"), ifFalse: .label(drop))

    for l in [14, 18, 22, 0] {
      let base = UInt32(l)
      a.label("v4-\(l)")
      a.emit(I.loadByteAbsolute, base + 9)
      a.jump(I.jumpIfEqual, 17, ifTrue: .label("v4p-\(l)"))
      a.jump(I.jumpIfEqual, 6, ifFalse: .label(drop))
      a.label("v4p-\(l)")
      a.emit(I.loadHalfAbsolute, base + 6)
      a.jump(I.jumpIfAnySet, 0x1FFF, ifTrue: .label(accept))
      a.emit(I.loadIPv4HeaderLength, base)
      a.emit(I.loadHalfIndirect, base)
      a.jump(I.jumpIfEqual, 53, ifTrue: .label(accept))
      a.emit(I.loadHalfIndirect, base + 2)
      a.jump(I.jumpIfEqual, 53, ifTrue: .label(accept), ifFalse: .label(drop))

      a.label("v6-\(l)")
      a.emit(I.loadByteAbsolute, base + 6)
      a.jump(I.jumpIfEqual, 17, ifTrue: .label("v6p-\(l)"))
      a.jump(I.jumpIfEqual, 6, ifTrue: .label("v6p-\(l)"))
      for header: UInt32 in [0, 43, 44, 60, 51] {
        a.jump(I.jumpIfEqual, header, ifTrue: .label(accept))
      }
      a.jump(to: drop)
      a.label("v6p-\(l)")
      a.emit(I.loadHalfAbsolute, base + 40)
      a.jump(I.jumpIfEqual, 53, ifTrue: .label(accept))
      a.emit(I.loadHalfAbsolute, base + 42)
      a.jump(I.jumpIfEqual, 53, ifTrue: .label(accept), ifFalse: .label(drop))
    }

    a.label(accept)
    a.emit(I.returnConstant, snapLength)
    a.label(drop)
    a.emit(I.returnConstant, 0)
    return a.assemble()
  }

  typealias Target = BPFAssembler.Target
}
