/// TCP state as conntrack tracks it (`enum tcp_conntrack`, `CTA_PROTOINFO_TCP_STATE`).
public enum ConntrackTCPState: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// No state yet.
  case none = 0
  /// SYN seen from the initiator.
  case synSent = 1
  /// SYN/ACK seen from the responder.
  case synReceived = 2
  /// Handshake completed.
  case established = 3
  /// FIN seen from one side.
  case finWait = 4
  /// FIN acknowledged, the other side still open.
  case closeWait = 5
  /// FIN from the second side.
  case lastAck = 6
  /// Both FINs acknowledged.
  case timeWait = 7
  /// Closed by a RST (or a refused SYN).
  case close = 8
  /// Simultaneous open (SYN seen from both sides; `TCP_CONNTRACK_SYN_SENT2`).
  case synSent2 = 9

  /// True when the connection is over (TIME_WAIT or CLOSE).
  public var isClosed: Bool { self == .timeWait || self == .close }

  /// The name `conntrack -E` prints (`SYN_SENT`, `TIME_WAIT`…).
  public var description: String {
    switch self {
    case .none: "NONE"
    case .synSent: "SYN_SENT"
    case .synReceived: "SYN_RECV"
    case .established: "ESTABLISHED"
    case .finWait: "FIN_WAIT"
    case .closeWait: "CLOSE_WAIT"
    case .lastAck: "LAST_ACK"
    case .timeWait: "TIME_WAIT"
    case .close: "CLOSE"
    case .synSent2: "SYN_SENT2"
    }
  }
}
