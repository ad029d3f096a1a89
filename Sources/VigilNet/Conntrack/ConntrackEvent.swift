import VigilCore

/// One conntrack message from the kernel: an event (new, update, destroy) or an entry of a dump
/// or get reply, with what the kernel put in it. Fields the message did not carry are nil.
public struct ConntrackEvent: Sendable, Hashable {
  /// What the message says happened.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A new entry (`IPCTNL_MSG_CT_NEW` with `NLM_F_CREATE`, multicast group NEW).
    case new
    /// A change of an entry (state, status, mark…; `IPCTNL_MSG_CT_NEW` without create flags).
    case update
    /// The entry was removed (`IPCTNL_MSG_CT_DELETE`); carries counters and the stop time.
    case destroy
    /// An entry listed in reply to a dump or get request (a non-zero sequence number or
    /// `NLM_F_MULTI`); carries counters.
    case dump
  }

  /// Counters of one direction (`CTA_COUNTERS_ORIG` / `CTA_COUNTERS_REPLY`), present when
  /// `nf_conntrack_acct` is on.
  public struct Counters: Sendable, Hashable {
    /// Packets.
    public var packets: UInt64
    /// Bytes (IP headers included).
    public var bytes: UInt64

    /// Creates counters.
    public init(packets: UInt64, bytes: UInt64) {
      self.packets = packets
      self.bytes = bytes
    }
  }

  /// What the message says happened.
  public var kind: Kind
  /// Netlink sequence number (0 for events; the request's number for dump and get replies).
  public var sequence: UInt32
  /// Address family from `nfgenmsg` (2 IPv4, 10 IPv6).
  public var family: UInt8
  /// The kernel's id of the entry (`CTA_ID`).
  public var id: UInt32?
  /// The original direction (the connection's initiator to its responder).
  public var original: ConntrackTuple
  /// The reply direction (after NAT it differs from the mirrored original).
  public var reply: ConntrackTuple?
  /// TCP state (`CTA_PROTOINFO_TCP_STATE`), when the message carries protocol info.
  public var tcpState: ConntrackTCPState?
  /// Either side sent a FIN (`IP_CT_TCP_FLAG_CLOSE_INIT` in `CTA_PROTOINFO_TCP_FLAGS_ORIGINAL`
  /// or `_REPLY`), when the message carries TCP protocol info.
  public var tcpCloseInitiated: Bool?
  /// Status bits (`CTA_STATUS`), when present.
  public var status: ConntrackStatus?
  /// Original-direction counters.
  public var originalCounters: Counters?
  /// Reply-direction counters.
  public var replyCounters: Counters?
  /// When the entry was created (`CTA_TIMESTAMP_START`, when `nf_conntrack_timestamp` is on).
  public var start: Timestamp?
  /// When the entry was removed (`CTA_TIMESTAMP_STOP`, destroy events).
  public var stop: Timestamp?
  /// Seconds until the entry expires (`CTA_TIMEOUT`).
  public var timeout: UInt32?
  /// Conntrack zone (`CTA_ZONE`; absent means the default zone 0).
  public var zone: UInt16?
  /// Connection mark (`CTA_MARK`).
  public var mark: UInt32?

  /// Creates an event.
  public init(
    kind: Kind, sequence: UInt32 = 0, family: UInt8? = nil, id: UInt32? = nil,
    original: ConntrackTuple, reply: ConntrackTuple? = nil, tcpState: ConntrackTCPState? = nil,
    status: ConntrackStatus? = nil, originalCounters: Counters? = nil,
    replyCounters: Counters? = nil, start: Timestamp? = nil, stop: Timestamp? = nil,
    timeout: UInt32? = nil, zone: UInt16? = nil, mark: UInt32? = nil,
    tcpCloseInitiated: Bool? = nil
  ) {
    self.tcpCloseInitiated = tcpCloseInitiated
    self.kind = kind
    self.sequence = sequence
    self.family = family ?? original.family
    self.id = id
    self.original = original
    self.reply = reply
    self.tcpState = tcpState
    self.status = status
    self.originalCounters = originalCounters
    self.replyCounters = replyCounters
    self.start = start
    self.stop = stop
    self.timeout = timeout
    self.zone = zone
    self.mark = mark
  }
}
