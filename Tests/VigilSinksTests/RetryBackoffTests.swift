import Testing

@testable import VigilSinks

@Suite struct RetryBackoffTests {
  let backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(1))

  @Test func doublesUpToTheMaximum() {
    let delays = (1...6).map { backoff.delay(afterAttempts: $0, random: 0.5) }
    #expect(
      delays == [
        .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
        .seconds(1), .seconds(1),
      ])
    #expect(backoff.delay(afterAttempts: 10_000, random: 0.5) == .seconds(1))
  }

  @Test func jitterIsTwentyPercentEachWay() {
    #expect(backoff.delay(afterAttempts: 2, random: 0) == .milliseconds(160))
    #expect(backoff.delay(afterAttempts: 2, random: 0.25) == .milliseconds(180))
    #expect(backoff.delay(afterAttempts: 2, random: 0.75) == .milliseconds(220))
    #expect(backoff.delay(afterAttempts: 2, random: 1) == .milliseconds(240))
    #expect(backoff.delay(afterAttempts: 5, random: 1) == .seconds(1))  // still capped
    #expect(backoff.delay(afterAttempts: 5, random: 0) == .milliseconds(800))
  }
}
