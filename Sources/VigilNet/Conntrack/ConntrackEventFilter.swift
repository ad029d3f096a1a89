/// The classic BPF program a conntrack event socket attaches so that the kernel drops the
/// UPDATE events `ConntrackFlowTracker` does not need, before they wake the reader.
///
/// It runs on each netlink datagram (the data starts at the first `nlmsghdr`). Everything that is
/// not a multicast UPDATE passes: NEW and DESTROY events, dump and get replies (sequence number
/// not 0 or `NLM_F_MULTI`), `NLMSG_ERROR`, `NLMSG_DONE`, other subsystems. An UPDATE
/// (`IPCTNL_MSG_CT_NEW` with no flags at all, sequence 0) of a non-TCP entry is
/// dropped (the tracker takes what it needs from NEW and DESTROY); a TCP UPDATE passes only when
/// its `CTA_PROTOINFO_TCP_STATE` is one of the kept states. Optionally (a socket whose tracker
/// emits TCP connections at their TIME_WAIT update) a multicast DESTROY (`IPCTNL_MSG_CT_DELETE`,
/// no flags, sequence 0) of a TCP entry that timed out (no CTA_TIMEOUT) in one of the given
/// states — kernels since 5.x send the state in DESTROY events — is dropped too. Netlink fields
/// are host byte order
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

  /// TCP states whose DESTROY events ``updatesAndEmittedDestroys`` drops when the entry timed
  /// out: TIME_WAIT. A connection gets there only through an UPDATE to TIME_WAIT, which passes
  /// the filter and at which the tracker emits the record (with the counters it asks for), so
  /// its DESTROY — up to 120 s later — only repeats it. Not CLOSE: a refused connection (RST to
  /// the SYN) is killed at once in CLOSE with no UPDATE, and its DESTROY is its only event.
  public static let emittedDestroyStates: Set<ConntrackTCPState> = [.timeWait]

  /// `updates`, and DESTROY events of TCP entries in `emittedDestroyStates` that timed out (no
  /// CTA_TIMEOUT: the kernel leaves a zero timeout out) dropped too, for a socket whose tracker
  /// emits at the TIME_WAIT update. A TIME_WAIT entry killed early (a new connection on its
  /// tuple, `conntrack -D`) still sends its DESTROY, with the seconds it had left.
  public static let updatesAndEmittedDestroys: [BPFInstruction] = program(
    keeping: defaultTCPStates, droppingDestroyed: emittedDestroyStates)

  /// What an accepted message returns: keep all of it.
  public static let acceptLength: UInt32 = 0xFFFF_FFFF

  /// Top-level attributes looked at before giving up (orig and reply tuples, id, status,
  /// timeout, protoinfo, mark, zone, …; protoinfo comes sixth on current kernels).
  static let topLevelLimit = 12
  /// Attributes looked at inside a nested attribute (tuple, protoinfo, its TCP part).
  static let nestedLimit = 4

  /// A program that drops non-TCP UPDATE events, TCP UPDATE events whose state is not in
  /// `states`, and TCP DESTROY events whose state is in `destroyed`; everything else passes.
  /// Falls back to a pass-all program if it cannot be built.
  public static func program(
    keeping states: Set<ConntrackTCPState>, droppingDestroyed destroyed: Set<ConntrackTCPState> = []
  ) -> [BPFInstruction] {
    build(keeping: states, droppingDestroyed: destroyed)
      ?? [BPFInstruction(code: Opcode.returnConstant, k: acceptLength)]
  }

  /// The program, or nil when the assembler cannot resolve a jump (a bug, checked by tests).
  static func build(
    keeping states: Set<ConntrackTCPState>, droppingDestroyed destroyed: Set<ConntrackTCPState> = []
  ) -> [BPFInstruction]? {
    let destroys = !destroyed.isEmpty
    var program = Builder()
    program.clearMemory()
    program.header(destroys: destroys)

    // The L4 protocol: CTA_TUPLE_ORIG → CTA_TUPLE_PROTO → CTA_PROTO_NUM.
    program.startTopLevel()
    program.find(type: UInt8(ConntrackWire.tupleOrig), within: topLevelLimit)
    program.descend()
    program.find(type: UInt8(ConntrackWire.tupleProto), within: nestedLimit)
    program.descend()
    program.find(type: UInt8(ConntrackWire.protoNumber), within: nestedLimit)
    program.loadFoundByte()
    // Not TCP: an UPDATE is dropped, a DESTROY passes (UDP and the rest are emitted there).
    program.dropUnless(equalTo: 6, passingDestroys: destroys)

    // The TCP state: CTA_PROTOINFO → CTA_PROTOINFO_TCP → CTA_PROTOINFO_TCP_STATE.
    program.startTopLevel()
    program.find(type: UInt8(ConntrackWire.protoinfo), within: topLevelLimit)
    program.descend()
    program.find(type: UInt8(ConntrackWire.protoinfoTCP), within: nestedLimit)
    program.descend()
    program.find(type: UInt8(ConntrackWire.protoinfoTCPState), within: nestedLimit)
    program.loadFoundByte()
    if destroys {
      // Only an entry that timed out: its DESTROY has no CTA_TIMEOUT (the kernel leaves out a
      // zero timeout). One killed early — a new connection reopening its tuple — keeps its
      // DESTROY, so the tracker sees it end before the new entry's events (same id, often).
      program.destroyVerdict(
        droppingAny: destroyed.map { UInt32($0.rawValue) }.sorted(),
        unless: UInt8(ConntrackWire.timeout))
    }
    program.acceptIf(equalToAny: states.map { UInt32($0.rawValue) }.sorted())
    return program.assembler.assemble()
  }
}
