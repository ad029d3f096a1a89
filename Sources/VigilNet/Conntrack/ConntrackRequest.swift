/// Encodes the requests an agent sends to ctnetlink. Use a non-zero sequence number: the
/// decoder tells dump and get replies from events by it.
public enum ConntrackRequest {
  /// Which entries a dump lists.
  public enum Family: UInt8, Sendable, Hashable, CaseIterable {
    /// IPv4 and IPv6 (`AF_UNSPEC`).
    case all = 0
    /// IPv4 only (`AF_INET`).
    case ipv4 = 2
    /// IPv6 only (`AF_INET6`).
    case ipv6 = 10
  }

  /// `IPCTNL_MSG_CT_GET` with `NLM_F_DUMP`: the kernel replies with every entry (with counters
  /// and timestamps when enabled), then `NLMSG_DONE`.
  public static func dump(family: Family = .all, sequence: UInt32) -> [UInt8] {
    var writer = NetlinkWriter(capacity: 20)
    let start = writer.beginMessage(
      type: ConntrackWire.subsystemConntrack << 8 | ConntrackWire.messageGet,
      flags: ConntrackWire.flagRequest | ConntrackWire.flagDump, sequence: sequence,
      family: family.rawValue)
    writer.end(message: start)
    return writer.bytes
  }

  /// `IPCTNL_MSG_CT_GET` for the entry whose original tuple is `tuple` (in `zone`): the kernel
  /// replies with that entry (kind `.dump`, with counters) or `NLMSG_ERROR` `ENOENT`.
  public static func get(_ tuple: ConntrackTuple, zone: UInt16? = nil, sequence: UInt32)
    -> [UInt8]
  {
    var writer = NetlinkWriter(capacity: 96)
    get(tuple, zone: zone, sequence: sequence, into: &writer)
    return writer.bytes
  }

  /// `get(_:zone:sequence:)` appended to `writer` (several requests in one datagram).
  static func get(
    _ tuple: ConntrackTuple, zone: UInt16?, sequence: UInt32, into writer: inout NetlinkWriter
  ) {
    let start = writer.beginMessage(
      type: ConntrackWire.subsystemConntrack << 8 | ConntrackWire.messageGet,
      flags: ConntrackWire.flagRequest, sequence: sequence, family: tuple.family)
    writer.tuple(ConntrackWire.tupleOrig, tuple)
    if let zone { writer.u16(ConntrackWire.zone, zone) }
    writer.end(message: start)
  }
}
