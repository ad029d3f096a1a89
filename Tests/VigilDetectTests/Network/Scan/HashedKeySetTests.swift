import Testing

@testable import VigilDetect

@Suite("HashedKeySet")
struct HashedKeySetTests {
  @Test("agrees with Set<UInt64> on inserts and lookups, zero and growth included")
  func agreesWithSet() {
    var set = HashedKeySet()
    var reference = Set<UInt64>()
    var state: UInt64 = 0x1234_5678
    for step in 0..<50_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      // Small keys repeat often (duplicates), zero included; large ones are mostly new.
      let key = step % 3 == 0 ? state % 64 : state
      #expect(set.insert(key) == reference.insert(key).inserted)
    }
    #expect(set.count == reference.count)
    for key in reference.prefix(1_000) { #expect(set.contains(key)) }
    #expect(set.contains(0) == reference.contains(0))
    set.removeAll()
    #expect(set.count == 0 && !set.contains(reference.first ?? 1))
  }
}
