import Testing

@testable import VigilCore

/// RFC 3339 parsing with its fixed-offset fast path agrees with the general parser on every input.
@Suite struct TimestampRFC3339Tests {
  static func both(_ text: String) -> (fast: Int64?, reference: Int64?) {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer {
      (Timestamp.parseRFC3339($0), Timestamp.parseRFC3339General($0))
    }
  }

  @Test(arguments: [
    "2024-05-01T10:00:00.123456Z", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00.1Z",
    "2024-05-01T10:00:00.123456789Z", "2024-05-01T10:00:00.1234567891Z", "2024-05-01T10:00:00.Z",
    "2024-13-01T10:00:00Z", "2024-05-00T10:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T10:60:00Z",
    "2024-05-01T10:00:60Z", "2024-05-01T10:00:61Z", "2024-05-01 10:00:00Z", "2024-05-01t10:00:00z",
    "2024-05-01T10:00:00+02:00", "2024-05-01T10:00:00.5-07:30", "1969-12-31T23:59:59.999999Z",
    "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1677-09-21T00:12:43.145224191Z",
    "2262-04-11T23:47:16.854775808Z", "2024-0a-01T10:00:00Z", "2024-05-01T10:00:0/Z",
    "2024/05/01T10:00:00Z", "2024-05-01T10:00:00.12a4Z", "", "2024-05-01",
  ])
  func agreesWithTheReference(_ text: String) {
    let (fast, reference) = Self.both(text)
    #expect(fast == reference, "\(text)")
  }

  @Test func readsTheAPIServerForm() {
    let (fast, reference) = Self.both("2018-10-26T13:42:46.764713Z")
    #expect(fast == 1_540_561_366_764_713_000)
    #expect(reference == fast)
  }

  @Test func agreesOnRandomMutations() {
    var rng = SystemRandomNumberGenerator()
    let base = Array("2024-05-01T10:00:00.123456Z".utf8)
    let alphabet = Array("0123456789-:.TZtz+ /".utf8)
    for _ in 0..<20_000 {
      var bytes = base
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        bytes[Int.random(in: 0..<bytes.count, using: &rng)] =
          alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
      }
      if Bool.random(using: &rng) { bytes.removeLast(Int.random(in: 0...8, using: &rng)) }
      let text = String(decoding: bytes, as: UTF8.self)
      let (fast, reference) = Self.both(text)
      #expect(fast == reference, "\(text)")
    }
  }
}
