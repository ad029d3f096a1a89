/// Measures the reader on a batch of lines (for `vigil bench`); no Foundation, monotonic clock.
public enum JSONBenchmark {
  /// Timings of one run over a batch of lines.
  public struct Result: Sendable {
    /// Seconds to count newlines in the same bytes (the memory-bandwidth baseline).
    public var newlineScanSeconds: Double
    /// Seconds to parse and index every line.
    public var indexSeconds: Double
    /// Seconds to parse every line and read each of `paths` as a string or number.
    public var indexAndReadSeconds: Double
    /// Total bytes in the lines.
    public var bytes: Int
    /// Lines that failed to parse.
    public var failures: Int
  }

  /// Fifteen fields a Kubernetes audit rule set typically reads.
  public static let auditPaths: [[String]] = [
    ["auditID"], ["stage"], ["verb"], ["requestURI"], ["user", "username"],
    ["user", "groups", "0"],
    ["sourceIPs", "0"], ["userAgent"], ["objectRef", "resource"], ["objectRef", "namespace"],
    ["objectRef", "name"], ["responseStatus", "code"], ["requestReceivedTimestamp"],
    ["requestObject", "spec", "containers", "0", "image"],
    ["annotations", "authorization.k8s.io/decision"],
  ]

  /// Parses (and indexes) every line once; returns the elapsed seconds and total bytes.
  public static func run(lines: [[UInt8]]) -> (indexSeconds: Double, bytes: Int) {
    let result = measure(lines: lines, paths: [])
    return (result.indexSeconds, result.bytes)
  }

  /// Runs the newline scan, parse-only and parse-and-read passes over `lines`.
  public static func measure(lines: [[UInt8]], paths: [[String]] = auditPaths) -> Result {
    let clock = ContinuousClock()
    var sink = 0
    let bytes = lines.reduce(0) { $0 + $1.count }

    let scan = clock.measure {
      for line in lines {
        line.withUnsafeBufferPointer { p in
          for b in p where b == 0x0A { sink &+= 1 }
        }
        sink &+= 1
      }
    }

    var failures = 0
    var indexer = JSONIndexer()
    let index = clock.measure {
      for line in lines {
        if let document = try? indexer.parse(line) {
          sink &+= document.nodeCount
        } else {
          failures += 1
        }
      }
    }

    let read = clock.measure {
      for line in lines {
        guard let document = try? indexer.parse(line) else { continue }
        let root = document.root
        for path in paths {
          guard let value = root.value(atPath: path) else { continue }
          if value.kind == .string {
            sink &+= value.string?.utf8.count ?? 0
          } else {
            sink &+= Int(truncatingIfNeeded: value.int ?? 0)
          }
        }
      }
    }
    blackHole(sink)
    return Result(
      newlineScanSeconds: seconds(scan), indexSeconds: seconds(index),
      indexAndReadSeconds: seconds(read), bytes: bytes, failures: failures)
  }

  private static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }

  @inline(never)
  private static func blackHole(_ value: Int) {
    if value == Int.min { print("") }
  }
}
