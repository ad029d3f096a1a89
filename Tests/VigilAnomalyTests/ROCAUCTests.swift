import Testing

@testable import VigilAnomaly

@Suite struct ROCAUCTests {
  @Test func perfectSeparationIsOneAndInvertedIsZero() {
    let labels = [false, false, true, true]
    #expect(ROCAUC.compute(scores: [0.1, 0.2, 0.8, 0.9], labels: labels) == 1)
    #expect(ROCAUC.compute(scores: [0.9, 0.8, 0.2, 0.1], labels: labels) == 0)
  }

  @Test func handExampleMatchesPairCounting() {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs ordered.
    #expect(
      ROCAUC.compute(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true]) == 0.75)
  }

  @Test func tiesCountHalf() {
    #expect(
      ROCAUC.compute(scores: [1, 1, 1, 1, 1], labels: [false, true, false, true, false]) == 0.5)
    // Positive 0.5 ties the negative 0.5 (half), positive 0.9 beats it: (0.5 + 1) / 2.
    #expect(ROCAUC.compute(scores: [0.5, 0.5, 0.9], labels: [false, true, true]) == 0.75)
    #expect(ROCAUC.compute(scores: [1, 1, 2, 2], labels: [false, true, false, true]) == 0.5)
  }

  @Test func oneClassIsNaN() {
    #expect(ROCAUC.compute(scores: [1, 2, 3], labels: [false, false, false]).isNaN)
    #expect(ROCAUC.compute(scores: [], labels: [Bool]()).isNaN)
  }

  @Test func matchesBruteForceOnRandomScoresWithTies() {
    var random = SplitMix64(seed: 7)
    let n = 400
    let scores = (0..<n).map { _ in Double(random.nextIndex(below: 20)) }
    let labels = (0..<n).map { i in random.nextUnit() < 0.2 + scores[i] / 40 }
    var pairs = 0.0
    var wins = 0.0
    for i in 0..<n where labels[i] {
      for j in 0..<n where !labels[j] {
        pairs += 1
        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0
      }
    }
    let expected = wins / pairs
    #expect(abs(ROCAUC.compute(scores: scores, labels: labels) - expected) < 1e-12)
    #expect(
      ROCAUC.compute(scores: scores, labels: labels.map { $0 ? UInt8(1) : 0 })
        == ROCAUC.compute(scores: scores, labels: labels))
  }
}
