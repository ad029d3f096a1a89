import Testing
import VigilCore

@Suite struct DurationTextTests {
  @Test func parses() {
    #expect(DurationText.parse("90s") == .seconds(90))
    #expect(DurationText.parse("5m") == .seconds(300))
    #expect(DurationText.parse("24h") == .seconds(86_400))
    #expect(DurationText.parse("7d") == .seconds(604_800))
    #expect(DurationText.parse("1h30m") == .seconds(5_400))
    #expect(DurationText.parse("250ms") == .milliseconds(250))
    #expect(DurationText.parse("42") == .seconds(42))
    #expect(DurationText.parse("5m3") == .seconds(303))  // a trailing bare number is seconds
  }

  @Test(arguments: ["", "h", "5x", "-5m", " 5m", "99999999999999999999s"])
  func rejects(_ text: String) {
    #expect(DurationText.parse(text) == nil)
  }

  @Test func formats() {
    #expect(DurationText.format(.seconds(60)) == "1m")
    #expect(DurationText.format(.seconds(5_400)) == "1h30m")
    #expect(DurationText.format(.seconds(45)) == "45s")
    #expect(DurationText.format(.seconds(0)) == "0s")
  }
}
