import Testing

@testable import VigilAnomaly

@Suite struct GlibcRandomTests {
  @Test func matchesGlibcRandAfterSrandOne() {
    // glibc: srand(1); rand() × 5 (also rand() without srand).
    var random = GlibcRandom(seed: 1)
    let first = (0..<5).map { _ in random.next() }
    #expect(first == [1_804_289_383, 846_930_886, 1_681_692_777, 1_714_636_915, 1_957_747_793])
  }

  @Test func matchesGlibcForATimeSeedAndASeedAboveIntMax() {
    // Printed by a C program linked with glibc: srand(s); rand() ….
    var time = GlibcRandom(seed: 1_585_731_139)
    #expect(
      (0..<4).map { _ in time.next() } == [405_451_380, 19_786_844, 1_195_519_761, 1_151_202_313])
    var large = GlibcRandom(seed: 3_000_000_000)
    #expect((0..<2).map { _ in large.next() } == [2_058_147_116, 854_483_408])
  }

  @Test func seedZeroActsAsOne() {
    var zero = GlibcRandom(seed: 0)
    var one = GlibcRandom(seed: 1)
    #expect((0..<3).map { _ in zero.next() } == (0..<3).map { _ in one.next() })
  }
}
