import VigilCore

/// An alert row as read back from a store, with its row identifier.
public struct StoredAlert: Sendable, Hashable, Identifiable {
  /// The row identifier, unique within a store (assigned on first write; kept when aggregated).
  public var id: Int64
  /// The row.
  public var record: AlertRecord

  /// Creates a stored alert.
  public init(id: Int64, record: AlertRecord) {
    self.id = id
    self.record = record
  }

  /// The alert this row stands for.
  public var alert: Alert { record.alert }
}
