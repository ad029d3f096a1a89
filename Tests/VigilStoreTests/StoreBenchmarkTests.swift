import Foundation
import Testing
import VigilStore

/// Insert throughput. Small by default (a smoke test); `VIGIL_STORE_BENCH=1 swift test -c release
/// --filter StoreBenchmark` runs the 100k-row measurement and prints the numbers.
@Suite("StoreBenchmark", .serialized)
struct StoreBenchmarkTests {
  static let full = ProcessInfo.processInfo.environment["VIGIL_STORE_BENCH"] == "1"

  @Test("insert throughput on SQLite", arguments: [300, 2_000])
  func sqlite(rawBytes: Int) throws {
    let rows = Self.full ? 100_000 : 2_000
    let batch = Self.full ? 10_000 : 500
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = try SQLiteStore(path: directory.path("bench.db"))
    defer { try? store.close() }
    let events = try StoreBenchmark.insertEvents(
      count: rows, batchSize: batch, rawBytes: rawBytes, into: store)
    let alerts =
      rawBytes == 300
      ? try StoreBenchmark.insertAlerts(count: rows / 10, batchSize: batch, into: store) : nil
    #expect(try store.counts() == StoreCounts(events: rows, alerts: alerts?.rows ?? 0))
    print("SQLiteStore events (\(rawBytes) B raw): \(events)")
    if let alerts { print("SQLiteStore alerts: \(alerts)") }
  }
}
