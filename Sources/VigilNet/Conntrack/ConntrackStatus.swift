/// Status bits of a conntrack entry (`enum ip_conntrack_status`, `CTA_STATUS`).
public struct ConntrackStatus: OptionSet, Sendable, Hashable {
  /// The raw bits.
  public var rawValue: UInt32

  /// Creates a status from its bits.
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// An expected connection (created by a helper).
  public static let expected = ConntrackStatus(rawValue: 1 << 0)
  /// Packets were seen in both directions.
  public static let seenReply = ConntrackStatus(rawValue: 1 << 1)
  /// The entry will not be evicted early (a full exchange was seen).
  public static let assured = ConntrackStatus(rawValue: 1 << 2)
  /// The entry is in the table (the first packet left the stack).
  public static let confirmed = ConntrackStatus(rawValue: 1 << 3)
  /// Source NAT applies.
  public static let sourceNAT = ConntrackStatus(rawValue: 1 << 4)
  /// Destination NAT applies (a Service's DNAT).
  public static let destinationNAT = ConntrackStatus(rawValue: 1 << 5)
  /// TCP sequence numbers are adjusted.
  public static let sequenceAdjust = ConntrackStatus(rawValue: 1 << 6)
  /// Source NAT is set up.
  public static let sourceNATDone = ConntrackStatus(rawValue: 1 << 7)
  /// Destination NAT is set up.
  public static let destinationNATDone = ConntrackStatus(rawValue: 1 << 8)
  /// The entry is being removed.
  public static let dying = ConntrackStatus(rawValue: 1 << 9)
  /// The timeout is not refreshed.
  public static let fixedTimeout = ConntrackStatus(rawValue: 1 << 10)
  /// A template entry.
  public static let template = ConntrackStatus(rawValue: 1 << 11)
  /// A NAT clash was resolved for this entry.
  public static let natClash = ConntrackStatus(rawValue: 1 << 12)
  /// A helper is attached.
  public static let helper = ConntrackStatus(rawValue: 1 << 13)
  /// Offloaded to the flow table.
  public static let offload = ConntrackStatus(rawValue: 1 << 14)
  /// Offloaded to hardware.
  public static let hardwareOffload = ConntrackStatus(rawValue: 1 << 15)
}
