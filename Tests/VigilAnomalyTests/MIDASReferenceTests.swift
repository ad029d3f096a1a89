import Testing

@testable import VigilAnomaly

@Suite struct MIDASReferenceTests {
  @Test func referenceSketchDrawsParametersFromGlibcRandInTheCppOrder() {
    var random = GlibcRandom(seed: 1)
    let sketch = CountMinSketch(rows: 2, buckets: 1024, reference: &random)
    // srand(1): rand() = 1804289383, 846930886, 1681692777, 1714636915.
    #expect(
      sketch.referenceParameters == [1_804_289_384, 846_930_886, 1_681_692_778, 1_714_636_915])
  }

  @Test func referenceSlotWrapsLikeThirtyTwoBitIntAndFixesNegativeRemainders() {
    var random = GlibcRandom(seed: 1)
    let sketch = CountMinSketch(rows: 2, buckets: 1000, reference: &random)
    for (a, b) in [(0, 0), (3, 5), (25_000, 24_999), (1, 20_000)] {
      for row in 0..<2 {
        // The C++ expression evaluated in 64 bits, then truncated to 32 like int overflow.
        let wide =
          (Int64(a) + 104_729 * Int64(b)) * Int64(sketch.referenceParameters[2 * row])
          + Int64(sketch.referenceParameters[2 * row + 1])
        let hash = Int32(truncatingIfNeeded: wide)
        var expected = Int(hash % 1000)
        if expected < 0 { expected += 1000 }
        #expect(sketch.slot(row: row, UInt64(a), UInt64(b)) == row * 1000 + expected)
      }
    }
  }

  @Test func withAPowerOfTwoWidthOnlyTheLowKeyBitsMatter() {
    // Why reference MIDAS scores DARPA alike for most seeds: mod 1024 of a 32-bit wrapping
    // product keeps only the low 10 bits of the key (fewer when the multiplier is even).
    var random = GlibcRandom(seed: 1)
    let sketch = CountMinSketch(rows: 1, buckets: 1024, reference: &random)
    let a = sketch.slot(row: 0, 5, 0)
    let b = sketch.slot(row: 0, 5 + 1024, 0)
    #expect(a == b)
  }

  @Test func referenceMIDASScoresInFloatLikeTheCpp() {
    var midas = MIDAS(hashing: .reference(seed: 42))
    for t in 1...20 { _ = midas.score(source: 1, destination: 2, time: t) }
    var score = 0.0
    for _ in 0..<10 { score = midas.score(source: 1, destination: 2, time: 21) }
    // a = 10, s = 30, t = 21: ((10 − 30/21) · 21)² / (30 · 20) = 54, in float.
    let a: Float = 10
    let s: Float = 30
    let t: Float = 21
    let deviation = Double((a - s / t) * t)
    #expect(score == Double(Float(deviation * deviation / Double(s * (t - 1)))))
    #expect(abs(score - 54) < 0.001)
  }

  @Test func referenceMIDASRDecaysOncePerTickChangeAndTakesTheLargestScore() {
    var model = MIDASR(decay: 0.5, hashing: .reference(seed: 3))
    for _ in 0..<8 { _ = model.score(source: 1, destination: 2, time: 1) }
    _ = model.score(source: 9, destination: 9, time: 5)
    // The C++ multiplies once when the tick changes, however many ticks passed.
    #expect(abs(model.currentEdge.estimate(key: 1, second: 2) - 4) < 1e-6)
    let scan = (0..<50).map { model.score(source: 777, destination: 10_000 + UInt64($0), time: 5) }
    #expect(scan.last.map { $0.value == $0.source && $0.source > 6.63 } == true)
  }

  @Test func absoluteVariantUsesTheMagnitudeOfTheHash() {
    var random = GlibcRandom(seed: 5)
    let sketch = CountMinSketch(rows: 2, buckets: 1000, reference: &random, magnitude: true)
    for key in [UInt64(1), 77, 20_000, 3_000_000] {
      for row in 0..<2 {
        let hash =
          Int32(truncatingIfNeeded: key) &* sketch.referenceParameters[2 * row]
          &+ sketch.referenceParameters[2 * row + 1]
        let magnitude = hash == Int32.min ? Int(hash) : Int(abs(hash))
        var expected = magnitude % 1000
        if expected < 0 { expected += 1000 }
        #expect(sketch.slot(row: row, key, 0) == row * 1000 + expected)
      }
    }
  }
}
