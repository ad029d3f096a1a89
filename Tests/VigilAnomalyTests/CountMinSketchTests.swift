import Testing

@testable import VigilAnomaly

@Suite struct CountMinSketchTests {
  @Test func estimatesAreNeverBelowTheTrueCount() {
    var sketch = CountMinSketch(rows: 2, buckets: 64, seed: 3)
    var truth: [UInt64: Int] = [:]
    var random = SplitMix64(seed: 11)
    for _ in 0..<5000 {
      let key = UInt64(random.nextIndex(below: 500))
      sketch.add(key: key, second: key % 7)
      truth[key, default: 0] += 1
    }
    var overestimated = 0
    for (key, count) in truth {
      let estimate = sketch.estimate(key: key, second: key % 7)
      #expect(estimate >= Double(count))
      if estimate > Double(count) { overestimated += 1 }
    }
    // 500 keys in 64 buckets must collide: the test would not notice a sketch that is exact.
    #expect(overestimated > 0)
  }

  @Test func fewKeysAreCountedExactlyAndPairsAreOrdered() {
    var sketch = CountMinSketch(seed: 5)
    sketch.add(key: 1, second: 2, count: 3)
    sketch.add(key: 2, second: 1)
    #expect(sketch.estimate(key: 1, second: 2) == 3)
    #expect(sketch.estimate(key: 2, second: 1) == 1)
    #expect(sketch.estimate(key: 9, second: 9) == 0)
  }

  @Test func scaleDecaysAndClearEmpties() {
    var sketch = CountMinSketch(rows: 3, buckets: 128, seed: 1)
    sketch.add(key: 42, count: 8)
    sketch.scale(by: 0.5)
    #expect(sketch.estimate(key: 42) == 4)
    sketch.clear()
    #expect(sketch.estimate(key: 42) == 0)
  }

  @Test func sameSeedHashesAlike() {
    let a = CountMinSketch(rows: 2, buckets: 1024, seed: 9)
    let b = CountMinSketch(rows: 2, buckets: 1024, seed: 9)
    let c = CountMinSketch(rows: 2, buckets: 1024, seed: 10)
    let keys: [UInt64] = Array(0..<64)
    #expect(keys.map { a.slot(row: 1, $0, 3) } == keys.map { b.slot(row: 1, $0, 3) })
    #expect(keys.map { a.slot(row: 1, $0, 3) } != keys.map { c.slot(row: 1, $0, 3) })
  }
}
