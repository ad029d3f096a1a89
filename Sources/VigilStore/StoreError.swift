/// A failure of a store: what went wrong (`code`), where (`location`: a path, a table or column),
/// and the backend's own message.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: Sendable, Hashable {
    /// The database reported an error (cannot open, locked too long, disk full, closed …).
    case databaseFailure
    /// The database was migrated by a newer Vigil: it has migrations this one does not know.
    case newerSchema
    /// The requested migration target is not one of this version's migrations.
    case unknownMigration
    /// A stored value could not be read back (corrupt JSON, unknown enum value).
    case invalidColumn
    /// A value could not be encoded for storage.
    case encodingFailure
    /// A record was refused before writing (a suppression without criteria).
    case invalidRecord
  }

  /// What went wrong.
  public var code: Code
  /// Where: the database path, or `table.column` for a bad value.
  public var location: String
  /// The underlying message.
  public var detail: String

  /// Creates an error.
  public init(_ code: Code, location: String, detail: String) {
    self.code = code
    self.location = location
    self.detail = detail
  }

  /// `location: message: detail`.
  public var description: String {
    let summary: String
    switch code {
    case .databaseFailure: summary = "database error"
    case .newerSchema: summary = "database was created by a newer version (unknown migrations)"
    case .unknownMigration: summary = "unknown migration"
    case .invalidColumn: summary = "stored value cannot be read"
    case .encodingFailure: summary = "value cannot be encoded"
    case .invalidRecord: summary = "record refused"
    }
    return "\(location): \(summary): \(detail)"
  }
}
