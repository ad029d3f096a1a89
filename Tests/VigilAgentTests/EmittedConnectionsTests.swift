import Foundation
import Testing
import VigilCore

@testable import VigilAgent

@Suite("EmittedConnections")
struct EmittedConnectionsTests {
  func temporaryPath() -> String {
    NSTemporaryDirectory() + "vigil-emitted-\(UUID().uuidString)"
  }

  @Test("saved ids load back, one decimal line each, until the retention passes")
  func roundTrip() throws {
    let path = temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = EmittedConnections(path: path, retention: .seconds(180))
    let ids: [UInt32] = [0, 1, 9, 10, 99, 100, 65_535, 1_000_000_007, UInt32.max]
    let now = Timestamp(nanoseconds: 1_800_000_000_000_000_000)
    try file.save(ids, now: now)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == "\(now.nanoseconds)\n" + ids.map { "\($0)\n" }.joined())
    let loaded = try #require(file.load(now: now.adding(.seconds(10))))
    #expect(loaded.ids == ids)
    #expect(loaded.until == now.adding(.seconds(180)))
    #expect(file.load(now: now.adding(.seconds(181))) == nil)
    try file.save([], now: now)
    #expect(file.load(now: now)?.ids == [])
  }
}
