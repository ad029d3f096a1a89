import Testing
import VigilCore

@Suite struct TimestampTests {
  @Test func parsesKubernetesTimestamps() throws {
    let t = try #require(Timestamp(rfc3339: "2018-10-26T13:42:46.764713Z"))
    #expect(t.nanoseconds == 1_540_561_366_764_713_000)
    #expect(t.description == "2018-10-26T13:42:46.764713Z")
    #expect(Timestamp(rfc3339: "2018-10-26T13:42:46Z")?.nanoseconds == 1_540_561_366_000_000_000)
  }

  @Test func parsesOffsetsAndNanoseconds() throws {
    let a = try #require(Timestamp(rfc3339: "2024-02-29T12:00:00.123456789+02:00"))
    let b = try #require(Timestamp(rfc3339: "2024-02-29T10:00:00.123456789Z"))
    #expect(a == b)
    #expect(a.rfc3339(fractionDigits: 9) == "2024-02-29T10:00:00.123456789Z")
  }

  @Test(arguments: [
    "", "2018-10-26", "2018-13-01T00:00:00Z", "2018-10-26T25:00:00Z", "2018-10-26T13:42:46",
    "2018-10-26T13:42:46.Z", "2018-10-26T13:42:46Zjunk", "x018-10-26T13:42:46Z",
    "4036-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+23:59",
  ])
  func rejectsMalformed(_ text: String) {
    #expect(Timestamp(rfc3339: text) == nil)
  }

  @Test func roundTripsAcrossCenturies() {
    for seconds in stride(from: -2_000_000_000 as Int64, to: 4_000_000_000, by: 77_777_777) {
      let t = Timestamp(nanoseconds: seconds * 1_000_000_000 + 123_000)
      #expect(Timestamp(rfc3339: t.rfc3339(fractionDigits: 9)) == t)
    }
  }

  @Test func arithmetic() {
    let t = Timestamp(nanoseconds: 1_000_000_000)
    #expect(t.adding(.seconds(2)).nanoseconds == 3_000_000_000)
    #expect(t.adding(.milliseconds(-500)).nanoseconds == 500_000_000)
    #expect(t.adding(.seconds(5)).since(t) == .seconds(5))
  }
}

@Suite("Timestamp RFC 3339 formatting")
struct TimestampFormattingTests {
  @Test("formatting reads back to the same instant, digits padded, over the whole Int64 range")
  func roundTrips() throws {
    var state: UInt64 = 42
    for _ in 0..<10_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      // Nanoseconds in an Int64 reach from 1677 to 2262.
      let seconds = Int64(state >> 20) % 18_000_000_000 - 9_000_000_000
      let time = Timestamp(nanoseconds: seconds * 1_000_000_000 + Int64(state % 1_000_000_000))
      let text = time.rfc3339(fractionDigits: 9)
      #expect(text.utf8.count == 30)
      #expect(Timestamp(rfc3339: text) == time, "\(text)")
    }
    #expect(
      Timestamp(nanoseconds: 5_000).rfc3339(fractionDigits: 6) == "1970-01-01T00:00:00.000005Z")
    #expect(Timestamp(nanoseconds: -1).rfc3339(fractionDigits: 3) == "1969-12-31T23:59:59.999Z")
    #expect(Timestamp(nanoseconds: 0).rfc3339(fractionDigits: 0) == "1970-01-01T00:00:00Z")
    var bytes: [UInt8] = [0x41]
    Timestamp(nanoseconds: 0).appendRFC3339(to: &bytes, fractionDigits: 1)
    #expect(String(decoding: bytes, as: UTF8.self) == "A1970-01-01T00:00:00.0Z")
  }
}

@Suite("Duration nanoseconds")
struct DurationNanosecondsTests {
  @Test("whole nanoseconds, saturating both ways")
  func converts() {
    #expect(Duration.seconds(300).nanoseconds == 300_000_000_000)
    #expect(Duration.milliseconds(-1_500).nanoseconds == -1_500_000_000)
    #expect(Duration.nanoseconds(7).nanoseconds == 7)
    #expect(Duration.seconds(Int64.max / 2).nanoseconds == .max)
    #expect(Duration.seconds(Int64.min / 2).nanoseconds == .min)
  }
}
