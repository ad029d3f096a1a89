import Testing

@testable import VigilAnomaly

@Suite struct MIDASReferenceTests {
  @Test func referenceSketchDrawsParametersRowByRowLikeTheAuthorsCode() {
    var random = MSVCRandom(seed: 1)
    let sketch = CountMinSketch(rows: 2, buckets: 1024, reference: &random, multiplier: 7)
    // rand() after srand(1): 41, 18467, 6334, 26500 → a = r % 1023 + 1, b = r % 1024.
    #expect(sketch.referenceParameters == [42, 35, 197, 900])
    #expect(sketch.referenceMultiplier == 7)
  }

  @Test func referenceSlotWrapsLikeThirtyTwoBitIntAndFixesNegativeRemainders() {
    var random = MSVCRandom(seed: 9)
    let m: Int32 = 25_524
    let sketch = CountMinSketch(rows: 2, buckets: 769, reference: &random, multiplier: m)
    for (x, y) in [(0, 0), (3, 5), (25_000, 24_999), (1, 20_000), (25_524, 25_524)] {
      for row in 0..<2 {
        // The C++ expression evaluated in 64 bits, then truncated to 32 like int overflow.
        let key = Int32(truncatingIfNeeded: Int64(x) + Int64(m) * Int64(y))
        let wide =
          Int64(key) * Int64(sketch.referenceParameters[2 * row])
          + Int64(sketch.referenceParameters[2 * row + 1])
        let hash = Int32(truncatingIfNeeded: wide)
        var expected = Int(hash % 769)
        if expected < 0 { expected += 769 }
        #expect(sketch.slot(row: row, UInt64(x), UInt64(y)) == row * 769 + expected)
      }
    }
  }

  @Test func referenceMIDASGivesTheTotalSketchItsOwnParameters() {
    let midas = MIDAS(hashing: .reference(seed: 3, multiplier: 100))
    var random = MSVCRandom(seed: 3)
    let current = CountMinSketch(rows: 2, buckets: 1024, reference: &random, multiplier: 100)
    let total = CountMinSketch(rows: 2, buckets: 1024, reference: &random, multiplier: 100)
    #expect(midas.current.referenceParameters == current.referenceParameters)
    #expect(midas.total.referenceParameters == total.referenceParameters)
    #expect(midas.current.referenceParameters != midas.total.referenceParameters)
  }

  @Test func referenceMIDASScoresLikeTheAuthorsCode() {
    var midas = MIDAS(hashing: .reference(seed: 42, multiplier: 10))
    for t in 1...20 { _ = midas.score(source: 1, destination: 2, time: t) }
    var score = 0.0
    for _ in 0..<10 { score = midas.score(source: 1, destination: 2, time: 21) }
    // a = 10, s = 30, t = 21 (no collisions with one edge): mean = 30/21, e = (a − mean)²,
    // e/mean + e/(mean·20) = 54.
    let mean = 30.0 / 21
    let error = (10 - mean) * (10 - mean)
    #expect(score == error / mean + error / (mean * 20))
    #expect(abs(score - 54) < 1e-9)
  }

  @Test func referenceMIDASRDecaysOncePerTickChangeAndCountsOnlyBursts() {
    var model = MIDASR(decay: 0.5, hashing: .reference(seed: 3, multiplier: 1_000))
    for _ in 0..<8 { _ = model.score(source: 1, destination: 2, time: 1) }
    _ = model.score(source: 9, destination: 9, time: 5)
    // The C++ multiplies once when the tick changes, however many ticks passed.
    #expect(abs(model.currentEdge.estimate(key: 1, second: 2) - 4) < 1e-9)
    // Below its mean, an edge scores 0 (only counts above the mean count): 100 at tick 1, then
    // one per tick: at tick 3, a = 100 · 0.5 · 0.5 + 1 + … = 26.5 while s / t = 102 / 3 = 34.
    var quiet = MIDASR(decay: 0.5, hashing: .reference(seed: 4, multiplier: 1_000))
    for _ in 0..<100 { _ = quiet.score(source: 5, destination: 6, time: 1) }
    _ = quiet.score(source: 5, destination: 6, time: 2)
    let below = quiet.score(source: 5, destination: 6, time: 3)
    #expect(below.edge == 0 && below.value == 0)
    let scan = (0..<50).map { model.score(source: 777, destination: 900 + UInt64($0), time: 5) }
    #expect(scan.last.map { $0.value == $0.source && $0.source > 6.63 } == true)
  }

  @Test func scoresAreWrittenLikeTheAuthorsProgram() {
    var scores = [0.12345649, 2.5, 1e-7]
    AnomalyEvaluation.writtenLikeTheAuthors(&scores, relational: false)
    #expect(scores == [0.123456, 2.5, 0])
    var relational = [0.0, 1.0]
    AnomalyEvaluation.writtenLikeTheAuthors(&relational, relational: true)
    #expect(relational == [0, 0.693147])
  }
}
