import VigilCore

/// Insert-throughput measurements on any store, for `vigil bench` and the store's own benchmark.
public enum StoreBenchmark {
  /// What a run measured.
  public struct Result: Sendable, Hashable, CustomStringConvertible {
    /// Rows written.
    public var rows: Int
    /// Rows per transaction.
    public var batchSize: Int
    /// Wall time of the writes (building the records excluded).
    public var duration: Duration

    /// Rows per second.
    public var rowsPerSecond: Double {
      let (seconds, attoseconds) = duration.components
      let elapsed = Double(seconds) + Double(attoseconds) / 1e18
      return elapsed > 0 ? Double(rows) / elapsed : 0
    }

    /// `100000 rows in 10000-row transactions: 0.48 s, 208333 rows/s`.
    public var description: String {
      let (seconds, attoseconds) = duration.components
      let elapsed = Double(seconds) + Double(attoseconds) / 1e18
      return "\(rows) rows in \(batchSize)-row transactions: \(elapsed) s, "
        + "\(Int(rowsPerSecond.rounded())) rows/s"
    }
  }

  /// Writes `count` synthetic audit-event records in transactions of `batchSize`, each carrying
  /// `rawBytes` bytes of raw JSON (about; at least a minimal document).
  public static func insertEvents(
    count: Int, batchSize: Int = 10_000, rawBytes: Int = 300, into store: some Store
  ) throws -> Result {
    let records = (0..<count).map { syntheticEvent($0, rawBytes: rawBytes) }
    return try timed(rows: count, batchSize: batchSize) { range in
      try store.write { batch in
        batch.reserveEvents(range.count)
        for index in range { batch.add(records[index]) }
      }
    }
  }

  /// Writes `count` synthetic alerts with distinct dedup keys (so each is an insert) in
  /// transactions of `batchSize`.
  public static func insertAlerts(count: Int, batchSize: Int = 10_000, into store: some Store)
    throws -> Result
  {
    let records = (0..<count).map { syntheticAlert($0) }
    return try timed(rows: count, batchSize: batchSize) { range in
      try store.write { batch in
        for index in range { batch.add(records[index]) }
      }
    }
  }

  /// Runs `write` over consecutive ranges of `batchSize` indices and times it.
  static func timed(rows: Int, batchSize: Int, _ write: (Range<Int>) throws -> Void) throws
    -> Result
  {
    let size = max(batchSize, 1)
    let clock = ContinuousClock()
    let start = clock.now
    var next = 0
    while next < rows {
      let end = min(next + size, rows)
      try write(next..<end)
      next = end
    }
    return Result(rows: rows, batchSize: size, duration: clock.now - start)
  }

  /// A pod `get` by a service account, one second apart, with padded raw JSON.
  static func syntheticEvent(_ index: Int, rawBytes: Int) -> EventRecord {
    let auditID = "bench-\(index)"
    let namespace = "ns-\(index % 50)"
    var raw =
      #"{"kind":"Event","auditID":"\#(auditID)","verb":"get","objectRef":{"namespace":"\#(namespace)","resource":"pods"},"pad":""#
    let padding = max(rawBytes - raw.utf8.count - 2, 0)
    raw += String(repeating: "x", count: padding) + "\"}"
    return EventRecord(
      time: Timestamp(nanoseconds: 1_700_000_000_000_000_000 + Int64(index) * 1_000_000_000),
      source: "k8s_audit", auditID: auditID, stage: "ResponseComplete", verb: "get",
      requestURI: "/api/v1/namespaces/\(namespace)/pods/web-\(index % 7)",
      user: "system:serviceaccount:\(namespace):default",
      userGroups: ["system:serviceaccounts", "system:authenticated"],
      sourceIP: "10.0.0.\(index % 250)",
      userAgent: "kubectl/v1.30.0", namespace: namespace, resource: "pods",
      name: "web-\(index % 7)", apiGroup: "", responseCode: 200, shape: .native,
      position: SourcePosition(file: "bench.log", line: index + 1), raw: Array(raw.utf8))
  }

  /// An exec alert with a distinct dedup key.
  static func syntheticAlert(_ index: Int) -> AlertRecord {
    let time = Timestamp(nanoseconds: 1_700_000_000_000_000_000 + Int64(index) * 1_000_000_000)
    let alert = Alert(
      rule: "Attach/Exec Pod", severity: .notice, time: time,
      output: "Attach/Exec to pod (user=alice pod=web-\(index) ns=default)", source: "k8s_audit",
      tags: ["k8s", "T1609", "soc2:CC6.1"],
      fields: [AlertField(name: "ka.user.name", value: "alice")],
      subject: AlertSubject(user: "alice", namespace: "default", resource: "pods", name: "web"),
      evidence: [
        Evidence(
          auditID: "a-\(index)", stage: "ResponseComplete", time: time,
          position: SourcePosition(file: "bench.log", line: index + 1))
      ], dedupKey: "exec:alice:web-\(index)")
    return AlertRecord(alert: alert, window: .zero)
  }
}
