import Foundation
import Testing
import VigilCore
import VigilStore

/// Learned profiles survive a reopen, are replaced by entity, kept apart by stream, deletable.
@Suite("SQLiteStore profiles")
struct ProfileStoreTests {
  @Test("profiles saved, replaced, reread after reopen and deleted, per stream")
  func roundTrip() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("vigil.db")
    func profile(_ stream: String, _ entity: String, _ body: String, at seconds: Double)
      -> StoredProfile
    {
      StoredProfile(
        stream: stream, entity: entity, kind: "workload", updated: Timestamp(seconds: seconds),
        body: Data(body.utf8))
    }
    do {
      let store = try SQLiteStore(path: path)
      try store.save(profiles: [
        profile("flows", "workload:a", "one", at: 1), profile("flows", "workload:b", "two", at: 1),
        profile("audit", "workload:a", "three", at: 1),
      ])
      try store.save(profiles: [profile("flows", "workload:a", "four", at: 2)])
      try store.close()
    }
    let store = try SQLiteStore(path: path)
    defer { try? store.close() }
    let flows = try store.profiles(stream: "flows")
    #expect(flows.map(\.entity) == ["workload:a", "workload:b"])
    #expect(flows.first?.body == Data("four".utf8))
    #expect(flows.first?.updated == Timestamp(seconds: 2))
    #expect(try store.profiles(stream: "audit").map(\.body) == [Data("three".utf8)])
    #expect(try store.deleteProfiles(stream: "flows", entities: ["workload:b", "workload:x"]) == 1)
    #expect(try store.profiles(stream: "flows").count == 1)
    #expect(try store.profiles(stream: "audit").count == 1)
  }
}
