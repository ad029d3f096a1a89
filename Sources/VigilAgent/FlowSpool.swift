import Foundation
import VigilNet

/// The agent's disk spool: every batch of flow records is written here (gzip NDJSON, one file a
/// batch, fsynced and renamed into place) before it is shipped, and deleted once the server
/// acknowledged it. Survives restarts: files left by an earlier run are shipped first, in order.
///
/// Bounded by `maxBytes` and `maxSegments`: past either, the oldest batches are dropped and
/// counted in ``droppedRecords`` (never unbounded memory or disk). Only the file list is held in
/// memory. Not thread-safe: one owner (``FlowAgent``) serializes access.
public final class FlowSpool {
  /// One spooled batch.
  public struct Segment: Sendable, Hashable {
    /// Its sequence number: batches ship in this order; unique per spool.
    public var sequence: UInt64
    /// Flow records in it.
    public var records: Int
    /// Its size on disk (compressed).
    public var bytes: Int
    /// The file.
    public var path: String
  }

  /// A spool operation failed (the directory cannot be created, read or written).
  public struct Failure: Error, CustomStringConvertible {
    /// What was attempted, on which path, and why.
    public var description: String
  }

  /// The directory.
  public let directory: String
  /// Largest total size of the spooled files.
  public let maxBytes: Int
  /// Most batches held.
  public let maxSegments: Int
  /// This spool's identity (random, kept in `agent-id`): with the sequence it names a batch
  /// uniquely for the server's duplicate check, even after the directory is wiped.
  public let agentID: String
  /// Batches waiting, oldest first.
  public private(set) var segments: [Segment] = []
  /// Records dropped because the spool was full (since start).
  public private(set) var droppedRecords = 0
  /// Batches dropped because the spool was full (since start).
  public private(set) var droppedSegments = 0
  /// Unreadable files found at start (moved aside as `*.bad`).
  public private(set) var unreadableFiles = 0
  private var nextSequence: UInt64 = 1

  static let suffix = ".ndjson.gz"

  /// Opens (creating) the spool in `directory`, listing what an earlier run left.
  public init(directory: String, maxBytes: Int = 256 << 20, maxSegments: Int = 100_000) throws {
    self.directory = directory
    self.maxBytes = max(1, maxBytes)
    self.maxSegments = max(1, maxSegments)
    let manager = FileManager.default
    do {
      try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw Failure(description: "cannot create spool directory \(directory): \(error)")
    }
    agentID = try Self.loadAgentID(directory: directory)
    let names: [String]
    do {
      names = try manager.contentsOfDirectory(atPath: directory)
    } catch {
      throw Failure(description: "cannot list spool directory \(directory): \(error)")
    }
    for name in names {
      let path = directory + "/" + name
      if name.hasSuffix(".tmp") {
        try? manager.removeItem(atPath: path)  // a write a crash interrupted: never acknowledged
        continue
      }
      guard name.hasSuffix(Self.suffix) else { continue }
      guard let segment = Self.segment(named: name, directory: directory) else {
        unreadableFiles += 1
        try? manager.moveItem(atPath: path, toPath: path + ".bad")
        continue
      }
      segments.append(segment)
    }
    segments.sort { $0.sequence < $1.sequence }
    nextSequence = (segments.last?.sequence ?? 0) + 1
    enforceBounds()
  }

  /// Records waiting in the spool.
  public var spooledRecords: Int { segments.reduce(0) { $0 + $1.records } }
  /// Bytes waiting in the spool.
  public var spooledBytes: Int { segments.reduce(0) { $0 + $1.bytes } }

  /// Writes `records` as one batch (durably: fsync, rename, fsync of the directory) and returns
  /// it; the oldest batches are dropped when the bounds are passed.
  @discardableResult
  public func append(_ records: [FlowRecord]) throws -> Segment? {
    guard !records.isEmpty else { return nil }
    var text: [UInt8] = []
    text.reserveCapacity(records.count * 300)
    for record in records {
      record.appendJSONLine(to: &text, communityID: false)
      text.append(0x0A)
    }
    // Level 1: most of level 6's size for a fraction of its time (flow lines repeat a lot).
    let body = Gzip.compress(text, level: 1)
    let sequence = nextSequence
    nextSequence += 1
    let name = Self.name(sequence: sequence, records: records.count)
    let path = directory + "/" + name
    try Self.writeDurably(body, to: path, directory: directory)
    let segment = Segment(sequence: sequence, records: records.count, bytes: body.count, path: path)
    segments.append(segment)
    enforceBounds()
    return segments.last == segment ? segment : nil
  }

  /// The oldest batch and its bytes; nil when the spool is empty. A file that vanished or cannot
  /// be read is dropped (counted) and the next one returned.
  public func oldest() -> (segment: Segment, body: [UInt8])? {
    while let first = segments.first {
      if let data = FileManager.default.contents(atPath: first.path) {
        return (first, [UInt8](data))
      }
      segments.removeFirst()
      droppedSegments += 1
      droppedRecords += first.records
    }
    return nil
  }

  /// Deletes an acknowledged batch.
  public func remove(_ segment: Segment) {
    segments.removeAll { $0.sequence == segment.sequence }
    try? FileManager.default.removeItem(atPath: segment.path)
  }

  private func enforceBounds() {
    var bytes = spooledBytes
    while segments.count > 1 && (segments.count > maxSegments || bytes > maxBytes) {
      let dropped = segments.removeFirst()
      bytes -= dropped.bytes
      droppedSegments += 1
      droppedRecords += dropped.records
      try? FileManager.default.removeItem(atPath: dropped.path)
    }
  }

  static func name(sequence: UInt64, records: Int) -> String {
    let digits = String(sequence)
    return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + "-\(records)"
      + suffix
  }

  static func segment(named name: String, directory: String) -> Segment? {
    let stem = name.dropLast(suffix.count)
    let parts = stem.split(separator: "-")
    guard parts.count == 2, let sequence = UInt64(parts[0]), let records = Int(parts[1]),
      records > 0
    else { return nil }
    let path = directory + "/" + name
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let size = (attributes?[.size] as? Int) ?? 0
    return Segment(sequence: sequence, records: records, bytes: size, path: path)
  }

  static func loadAgentID(directory: String) throws -> String {
    let path = directory + "/agent-id"
    if let data = FileManager.default.contents(atPath: path) {
      let text = String(decoding: data, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      if !text.isEmpty { return text }
    }
    let id = UUID().uuidString.lowercased()
    try writeDurably(Array((id + "\n").utf8), to: path, directory: directory)
    return id
  }

  /// Writes `bytes` to `path.tmp`, fsyncs, renames onto `path` and fsyncs the directory.
  static func writeDurably(_ bytes: [UInt8], to path: String, directory: String) throws {
    let temporary = path + ".tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw failure("open", temporary) }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { raw in
        write(fd, raw.baseAddress.map { $0 + written }, bytes.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        let error = failure("write", temporary)
        close(fd)
        unlink(temporary)
        throw error
      }
      written += n
    }
    guard fsync(fd) == 0 else {
      let error = failure("fsync", temporary)
      close(fd)
      unlink(temporary)
      throw error
    }
    close(fd)
    guard rename(temporary, path) == 0 else {
      let error = failure("rename", temporary)
      unlink(temporary)
      throw error
    }
    let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directoryFD >= 0 {
      _ = fsync(directoryFD)
      close(directoryFD)
    }
  }

  private static func failure(_ operation: String, _ path: String) -> Failure {
    Failure(description: "\(operation) \(path): \(String(cString: strerror(errno)))")
  }
}
