import VigilAudit
import VigilCore
import VigilJSON
import VigilRules

#if canImport(Glibc)
  import Glibc
#endif

/// Throughput of Vigil's audit path on one file, each stage as a ratio to a newline scan of the
/// same bytes measured in the same run (absolute times drift on shared machines; ratios do not).
public struct ThroughputBenchmark {
  /// One measured stage.
  public struct Stage: Sendable {
    /// What was measured.
    public var name: String
    /// Best wall-clock seconds over the repetitions.
    public var seconds: Double
    /// Bytes processed.
    public var bytes: Int
    /// Events processed.
    public var events: Int

    /// Creates a stage result.
    public init(name: String, seconds: Double, bytes: Int, events: Int) {
      self.name = name
      self.seconds = seconds
      self.bytes = bytes
      self.events = events
    }

    /// MB/s (10^6 bytes).
    /// MB/s (10^6 bytes).
    public var megabytesPerSecond: Double { Double(bytes) / seconds / 1e6 }
    /// Events per second.
    public var eventsPerSecond: Double { Double(events) / seconds }
  }

  /// The file's bytes (read once into memory).
  public let bytes: [UInt8]
  /// Line ranges in `bytes`.
  public let lines: [Range<Int>]
  /// Repetitions per stage (the best is kept).
  public var repetitions = 3

  /// Loads a JSON-lines file into memory.
  public init(path: String) throws {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw BenchmarkError(message: "cannot open \(path)") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
    }
    self.bytes = bytes
    var lines: [Range<Int>] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
      if i > start { lines.append(start..<i) }
      start = i + 1
    }
    if start < bytes.count { lines.append(start..<bytes.count) }
    self.lines = lines
  }

  /// The ceiling: counting newlines with memchr over the whole buffer.
  public func newlineScan() -> Stage {
    var count = 0
    let seconds = best {
      count = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        var n = 0
        var p = base
        let end = base + raw.count
        while p < end, let hit = memchr(p, 0x0A, end - p) {
          n += 1
          p = UnsafeRawPointer(hit) + 1
        }
        return n
      }
    }
    return Stage(name: "newline scan (memchr)", seconds: seconds, bytes: bytes.count, events: count)
  }

  /// A plain newline count, one byte at a time (the "newline scan" ceiling of the design notes).
  public func byteLoopScan() -> Stage {
    var count = 0
    let seconds = best {
      count = bytes.withUnsafeBufferPointer { buffer -> Int in
        var n = 0
        for byte in buffer where byte == 0x0A { n &+= 1 }
        return n
      }
    }
    return Stage(
      name: "newline scan (byte loop)", seconds: seconds, bytes: bytes.count, events: count)
  }

  /// The JSON reader alone: every line parsed into an index.
  public func jsonIndex() -> Stage {
    var indexer = JSONIndexer()
    var nodes = 0
    let seconds = best {
      for range in lines {
        if let document = try? indexer.parse(Array(bytes[range])) { nodes &+= document.root.count }
      }
    }
    return Stage(
      name: "JSON reader (index)", seconds: seconds, bytes: bytes.count, events: lines.count)
  }

  /// Decoding into normalized, redacted `Event`s.
  public func decode() -> Stage {
    let decoder = AuditDecoder()
    var indexer = JSONIndexer()
    var decoded = 0
    let seconds = best {
      decoded = 0
      var events: [Event] = []
      var diagnostics: [InputDiagnostic] = []
      for (i, range) in lines.enumerated() {
        events.removeAll(keepingCapacity: true)
        decoder.decode(
          bytes: Array(bytes[range]), at: SourcePosition(file: "bench", line: i + 1),
          indexer: &indexer, into: &events, diagnostics: &diagnostics)
        decoded += events.count
      }
    }
    return Stage(name: "decode to Event", seconds: seconds, bytes: bytes.count, events: decoded)
  }

  /// Runs `body` `repetitions` times; the best time in seconds.
  public func best(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<max(1, repetitions) {
      let elapsed = clock.measure(body)
      best = min(
        best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return best
  }

  /// A benchmark could not run.
  public struct BenchmarkError: Error, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// Creates an error.
    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
  }
}
