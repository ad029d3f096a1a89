import Testing

@testable import VigilAnomaly

@Suite struct MIDASTests {
  /// Steady background edges once per tick for `ticks` ticks.
  static func background(_ score: (UInt64, UInt64, Int) -> Void, ticks: Int) {
    for t in 1...ticks {
      for s in UInt64(0)..<20 { score(s, s + 100, t) }
    }
  }

  @Test func aBurstEdgeScoresFarAboveASteadyOne() {
    var midas = MIDAS(seed: 1)
    MIDASTests.background({ _ = midas.score(source: $0, destination: $1, time: $2) }, ticks: 50)
    let steady = midas.score(source: 3, destination: 103, time: 51)
    var burst = 0.0
    for _ in 0..<30 { burst = midas.score(source: 500, destination: 600, time: 51) }
    #expect(steady < 1)
    #expect(burst > 100 * max(steady, 0.01))
    #expect(burst > 6.63)
    #expect(midas.tick == 51)
  }

  @Test func theFirstTickScoresZeroAndTicksCountFromTheFirstEdge() {
    var midas = MIDAS(seed: 2)
    #expect(midas.score(source: 1, destination: 2, time: 1_000_000) == 0)
    _ = midas.score(source: 1, destination: 2, time: 1_000_002)
    #expect(midas.tick == 3)
  }

  @Test func midasRFlagsASourceFanningOut() {
    var model = MIDASR(seed: 4)
    MIDASTests.background({ _ = model.score(source: $0, destination: $1, time: $2) }, ticks: 50)
    let steady = model.score(source: 3, destination: 103, time: 51)
    var scan = MIDASR.Score(edge: 0, source: 0, destination: 0)
    // One new source to 200 destinations, each edge once: only the source's count bursts.
    for d in UInt64(0)..<200 { scan = model.score(source: 777, destination: 10_000 + d, time: 51) }
    #expect(scan.source > 100 * max(steady.value, 0.01))
    #expect(scan.value == scan.source)
    #expect(scan.edge < scan.source)
  }

  @Test func midasRDecaysInsteadOfResetting() {
    var model = MIDASR(decay: 0.5, seed: 5)
    for _ in 0..<8 { _ = model.score(source: 1, destination: 2, time: 1) }
    _ = model.score(source: 9, destination: 9, time: 2)
    // After one tick the current edge count is 8 × 0.5 = 4, plus this edge: 5.
    #expect(abs(model.currentEdge.estimate(key: 1, second: 2) - 4) < 1e-6)
    _ = model.score(source: 1, destination: 2, time: 2)
    #expect(abs(model.currentEdge.estimate(key: 1, second: 2) - 5) < 1e-6)
    #expect(model.totalEdge.estimate(key: 1, second: 2) == 9)
  }
}
