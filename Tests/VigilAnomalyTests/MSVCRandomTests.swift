import Testing

@testable import VigilAnomaly

@Suite struct MSVCRandomTests {
  @Test func matchesTheMicrosoftRuntimeSequence() {
    // The Microsoft C runtime after srand(1) (its default): 41, 18467, 6334, 26500, 19169.
    var random = MSVCRandom(seed: 1)
    #expect((0..<5).map { _ in random.next() } == [41, 18_467, 6_334, 26_500, 19_169])
  }

  @Test func followsTheLinearCongruenceForAnySeed() {
    for seed: UInt32 in [0, 7, 1_585_731_139, UInt32.max] {
      var random = MSVCRandom(seed: seed)
      var state = UInt64(seed)
      for _ in 0..<100 {
        state = (state * 214_013 + 2_531_011) % (1 << 32)
        let value = random.next()
        #expect(value == Int32((state >> 16) & 0x7FFF))
        #expect((0...MSVCRandom.max).contains(value))
      }
    }
  }
}
