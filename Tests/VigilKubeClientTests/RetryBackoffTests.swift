import Testing

@testable import VigilKubeClient

@Suite struct RetryBackoffTests {
  /// A deterministic generator (SplitMix64).
  private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  @Test func delaysDoubleWithinTheUpperHalfUpToTheMaximumAndReset() {
    var backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(1))
    var generator = SplitMix(state: 42)
    let ceilings: [Duration] = [
      .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1),
      .seconds(1),
    ]
    var delays: [Duration] = []
    for ceiling in ceilings {
      let delay = backoff.next(using: &generator)
      delays.append(delay)
      #expect(delay <= ceiling && delay >= ceiling / 2, "\(delay) vs \(ceiling)")
    }
    #expect(Set(delays.map { $0.components.attoseconds }).count > 1)
    #expect(backoff.failures == 6)
    backoff.reset()
    #expect(backoff.next(using: &generator) <= .milliseconds(100))
  }
}
