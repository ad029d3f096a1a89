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

  /// Saves `ids` as of `now` (write to a temporary file, then rename). A busy node remembers a
  /// few hundred thousand ids and saves them every few seconds, so the lines are written as
  /// bytes (no string per id).
  func save(_ ids: [UInt32], now: Timestamp) throws {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(ids.count * 11 + 24)
    bytes.append(contentsOf: "\(now.nanoseconds)\n".utf8)
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    for id in ids {
      // Up to 10 decimal digits, written backwards into `digits`, then appended in order.
      var value = id
      var count = 0
      withUnsafeMutableBytes(of: &digits) { scratch in
        repeat {
          count += 1
          scratch[10 - count] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        } while value > 0
        bytes.append(contentsOf: scratch[(10 - count)...])
      }
      bytes.append(UInt8(ascii: "\n"))
    }
    let temporary = path + ".tmp"
    try Data(bytes).write(to: URL(fileURLWithPath: temporary))
    guard rename(temporary, path) == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
  }
}
