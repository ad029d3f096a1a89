/// The classic BPF program a conntrack event socket attaches so that the kernel drops the
/// UPDATE events `ConntrackFlowTracker` does not need, before they wake the reader.
///
/// It runs on each netlink datagram (the data starts at the first `nlmsghdr`). Everything that is
/// not a multicast UPDATE passes: NEW and DESTROY events, dump and get replies (sequence number
/// not 0 or `NLM_F_MULTI`), `NLMSG_ERROR`, `NLMSG_DONE`, other subsystems. An UPDATE
/// (`IPCTNL_MSG_CT_NEW` with no flags at all, sequence 0) of a non-TCP entry is
/// dropped (the tracker takes what it needs from NEW and DESTROY); a TCP UPDATE passes only when
/// its `CTA_PROTOINFO_TCP_STATE` is one of the kept states. Netlink fields are host byte order
/// (little-endian), so lengths and types are read byte by byte. The attribute walks are unrolled
/// (cBPF has no backward jumps) and bounded; anything unexpected — a short or malformed message,
/// an attribute not found within the bound — passes (fail open: the user-space decoder copes).
public enum ConntrackEventFilter {
  /// TCP states whose UPDATE events pass by default: TIME_WAIT and CLOSE (the tracker asks for
  /// counters there) and FIN_WAIT, the first FIN. The tracker needs the FIN_WAIT update to tell a
  /// connection closed by FIN then RST (`established`) from one reset without a FIN (`reset`):
  /// the CLOSE update alone does not say whether a FIN was seen.
  public static let defaultTCPStates: Set<ConntrackTCPState> = [.timeWait, .close]

  /// The program the conntrack socket attaches (`defaultTCPStates`).
  public static let updates: [BPFInstruction] = program(keeping: defaultTCPStates)

  /// What an accepted message returns: keep all of it.
  public static let acceptLength: UInt32 = 0xFFFF_FFFF

  /// Top-level attributes looked at before giving up (orig and reply tuples, id, status,
  /// timeout, protoinfo, mark, zone, …; protoinfo comes sixth on current kernels).
  static let topLevelLimit = 12
  /// Attributes looked at inside a nested attribute (tuple, protoinfo, its TCP part).
  static let nestedLimit = 4

  /// A program that drops non-TCP UPDATE events and TCP UPDATE events whose state is not in
  /// `states`; everything else passes. Falls back to a pass-all program if it cannot be built.
  public static func program(keeping states: Set<ConntrackTCPState>) -> [BPFInstruction] {
    build(keeping: states)
      ?? [BPFInstruction(code: Opcode.returnConstant, k: acceptLength)]
  }

  /// The program, or nil when the assembler cannot resolve a jump (a bug, checked by tests).
  static func build(keeping states: Set<ConntrackTCPState>) -> [BPFInstruction]? {
    var program = Builder()
    program.clearMemory()
    program.header()

    // The L4 protocol: CTA_TUPLE_ORIG → CTA_TUPLE_PROTO → CTA_PROTO_NUM.
    program.startTopLevel()
    program.find(type: UInt8(ConntrackWire.tupleOrig), within: topLevelLimit)
    program.descend()
    program.find(type: UInt8(ConntrackWire.tupleProto), within: nestedLimit)
    program.descend()
    program.find(type: UInt8(ConntrackWire.protoNumber), within: nestedLimit)
    program.loadFoundByte()
    program.dropUnless(equalTo: 6)

    // The TCP state: CTA_PROTOINFO → CTA_PROTOINFO_TCP → CTA_PROTOINFO_TCP_STATE.
    program.startTopLevel()
    program.find(type: UInt8(ConntrackWire.protoinfo), within: topLevelLimit)
    program.descend()
    program.find(type: UInt8(ConntrackWire.protoinfoTCP), within: nestedLimit)
    program.descend()
    program.find(type: UInt8(ConntrackWire.protoinfoTCPState), within: nestedLimit)
    program.loadFoundByte()
    program.acceptIf(equalToAny: states.map { UInt32($0.rawValue) }.sorted())
    return program.assembler.assemble()
  }
}
