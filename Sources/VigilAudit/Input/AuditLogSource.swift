import VigilCore
import VigilJSON

/// Reads audit events from files (plain or gzip, detected by magic bytes), directories of them,
/// and standard input (`-`), streaming in large chunks with memory flat in the input size.
///
/// Each file is JSON lines or pretty-printed documents of any shape `AuditDecoder` reads.
/// Bad input never stops it: every problem becomes an `InputDiagnostic` (with file and line),
/// counted in `statistics`, passed to `diagnosticHandler` and kept in `diagnostics` (bounded);
/// repeated events (same auditID and stage) are dropped and counted as `.duplicate`.
public struct AuditLogSource: EventSource {
  /// How the source reads.
  public struct Configuration: Sendable {
    /// How events are decoded (size limit, redaction).
    public var decoder = AuditDecoder.Configuration()
    /// Bytes per `read(2)` (at least 64 KiB).
    public var chunkSize = 1 << 20
    /// Drop events whose auditID and stage were already seen.
    public var deduplicate = true
    /// Keys per generation of the deduplicator.
    public var deduplicationCapacity = 1 << 20
    /// How many diagnostics `diagnostics` keeps (the counts go on).
    public var maxRetainedDiagnostics = 1000

    /// The defaults.
    public init() {}
  }

  /// The files to read, directories expanded.
  public let files: [String]
  /// Counters so far.
  public private(set) var statistics = AuditInputStatistics()
  /// The first `maxRetainedDiagnostics` diagnostics (duplicates not included).
  public private(set) var diagnostics: [InputDiagnostic] = []
  /// Called with each diagnostic as it happens (duplicates not included).
  public var diagnosticHandler: ((InputDiagnostic) -> Void)?

  private let configuration: Configuration
  private let decoder: AuditDecoder
  private var indexer = JSONIndexer()
  private var deduplicator: AuditDeduplicator
  private var fileIndex = 0
  private var reader: DocumentReader?
  private var currentFile = ""
  private var pending: [Event] = []
  private var scratchDiagnostics: [InputDiagnostic] = []

  /// A source over `paths` (files, directories, `-`); throws when a path does not exist.
  public init(
    paths: [String], configuration: Configuration = .init(),
    diagnosticHandler: ((InputDiagnostic) -> Void)? = nil
  ) throws(AuditInputError) {
    self.files = try InputPaths.expand(paths)
    self.configuration = configuration
    self.decoder = AuditDecoder(configuration: configuration.decoder)
    self.deduplicator = AuditDeduplicator(capacity: configuration.deduplicationCapacity)
    self.diagnosticHandler = diagnosticHandler
  }

  /// The next event, or nil when every file has been read. Never throws: unreadable files and
  /// broken compression are diagnostics too, and reading goes on with the next file.
  public mutating func next() -> Event? {
    while true {
      // `pending` holds the current document's events in reverse order: popping moves each
      // event out without copying (and retaining) its fields.
      while let event = pending.popLast() {
        if configuration.deduplicate, case .audit(let audit) = event.payload,
          deduplicator.isDuplicate(auditID: audit.auditID, stage: audit.stage)
        {
          statistics.diagnostics[.duplicate, default: 0] += 1
          continue
        }
        statistics.eventsDecoded += 1
        return event
      }
      guard let piece = nextPiece() else { return nil }
      statistics.documentsRead += 1
      scratchDiagnostics.removeAll(keepingCapacity: true)
      decoder.decode(
        bytes: piece.bytes, at: SourcePosition(file: currentFile, line: piece.line),
        indexer: &indexer, into: &pending, diagnostics: &scratchDiagnostics)
      pending.reverse()
      for diagnostic in scratchDiagnostics { report(diagnostic) }
    }
  }

  /// The next document of the current file, opening the next file as needed.
  private mutating func nextPiece() -> DocumentReader.Piece? {
    while true {
      if let reader {
        do {
          let before = (reader.linesRead, reader.bytesRead, reader.rawBytesRead)
          let piece = try reader.next()
          statistics.linesRead += reader.linesRead - before.0
          statistics.bytesRead += reader.bytesRead - before.1
          statistics.fileBytesRead += reader.rawBytesRead - before.2
          if let piece { return piece }
        } catch {
          report(error.diagnostic)
        }
        self.reader = nil
      }
      guard fileIndex < files.count else { return nil }
      currentFile = files[fileIndex]
      fileIndex += 1
      do {
        reader = try Self.open(currentFile, chunkSize: max(configuration.chunkSize, 1 << 16))
        statistics.filesRead += 1
      } catch {
        report(error.diagnostic)
      }
    }
  }

  /// Opens a file, wrapping it in a decompressor when it starts with the gzip magic.
  static func open(_ path: String, chunkSize: Int) throws(AuditInputError) -> DocumentReader {
    let file = try FileByteStream(path: path, chunkSize: chunkSize)
    let head = PeekedByteStream(source: file)
    if try head.peek(2) == [0x1F, 0x8B] {
      let gzip = try GzipByteStream(source: head, path: path, chunkSize: chunkSize)
      return DocumentReader(stream: gzip, chunkSize: chunkSize)
    }
    return DocumentReader(stream: head, chunkSize: chunkSize)
  }

  private mutating func report(_ diagnostic: InputDiagnostic) {
    statistics.diagnostics[diagnostic.code, default: 0] += 1
    if diagnostics.count < configuration.maxRetainedDiagnostics { diagnostics.append(diagnostic) }
    diagnosticHandler?(diagnostic)
  }
}
