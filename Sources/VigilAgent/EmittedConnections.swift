import Foundation
import VigilCore

/// The conntrack ids of connections the agent emitted recently, kept in a small file beside the
/// spool so that a restarted agent does not report them again when the start-up dump lists them
/// (closed TCP connections stay in the table for the TIME_WAIT timeout). Written every few
/// seconds and at shutdown; a file older than the retention is ignored.
struct EmittedConnections {
  /// The file (`<state directory>/conntrack-emitted`).
  let path: String
  /// How long an emitted connection can still show up in the table.
  let retention: Duration

  /// The ids saved by a previous run and until when they matter, or nil (no file, too old, or
  /// unreadable).
  func load(now: Timestamp) -> (ids: [UInt32], until: Timestamp)? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    guard let first = lines.first, let saved = Int64(first) else { return nil }
    let until = Timestamp(nanoseconds: saved).adding(retention)
    guard until > now else { return nil }
    return (lines.dropFirst().compactMap { UInt32($0) }, until)
  }

  /// Saves `ids` as of `now` (write to a temporary file, then rename).
  func save(_ ids: [UInt32], now: Timestamp) throws {
    var text = "\(now.nanoseconds)\n"
    text.reserveCapacity(ids.count * 11 + 24)
    for id in ids { text += "\(id)\n" }
    let temporary = path + ".tmp"
    try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
    guard rename(temporary, path) == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
  }
}
