import Testing

@testable import VigilDetect

@Suite struct HourSummaryCodeTests {
  @Test func zeroAndSmallCountsSurviveAndEveryValueDecodesWithinItsPrecision() {
    #expect(HourSummaryCode.encode(0) == 0 && HourSummaryCode.decode(0) == 0)
    #expect(HourSummaryCode.decode(HourSummaryCode.encode(1)) == 1)
    #expect(HourSummaryCode.decode(HourSummaryCode.encode(3)) == 3)
    var value = 0.01
    while value < 1e18 {
      let decoded = HourSummaryCode.decode(HourSummaryCode.encode(value))
      // Half a step of 2^(1/1024) on 1 + value: 0.034 % of 1 + value.
      #expect(abs(decoded - value) <= 0.00034 * (1 + value))
      value *= 1.37
    }
  }

  @Test func codesKeepTheOrderAndClampOutOfRangeValues() {
    var previous: UInt16 = 0
    for value in stride(from: 0.0, through: 5_000, by: 0.5) {
      let code = HourSummaryCode.encode(value)
      #expect(code >= previous)
      previous = code
    }
    #expect(HourSummaryCode.encode(-5) == 0)
    #expect(HourSummaryCode.encode(.nan) == 0)
    #expect(HourSummaryCode.encode(1e30) == UInt16.max)
    #expect(HourSummaryCode.encode(.infinity) == UInt16.max)
  }
}
