import Testing
import VigilJSON

@Suite struct JSONReplacingTests {
  static let event = #"{"user":"alice","secret":{"token":"abc123"},"list":[1,2]}"#

  @Test func splicesRangesInAnyOrder() throws {
    let document = try JSONDocument(parsing: Self.event)
    let token = try #require(document.root.value(atPath: ["secret", "token"]))
    let user = try #require(document.root["user"])
    let redacted = try document.replacing([
      (token.byteRange, Array(JSONText.quoted("REDACTED").utf8)),
      (user.byteRange, Array(#""bob""#.utf8)),
    ])
    #expect(redacted.root.value(atPath: ["secret", "token"])?.string == "REDACTED")
    #expect(redacted.root["user"]?.string == "bob")
    #expect(redacted.root["list"]?.count == 2)
  }

  @Test func replacesWholeSubtreesAndNothing() throws {
    let document = try JSONDocument(parsing: Self.event)
    let secret = try #require(document.root["secret"])
    let replaced = try document.replacing([(secret.byteRange, Array("null".utf8))])
    #expect(replaced.root["secret"]?.isNull == true)
    #expect(try document.replacing([]).bytes == document.bytes)
  }

  @Test func rejectsBadRangesAndBadResults() throws {
    let document = try JSONDocument(parsing: Self.event)
    #expect(throws: JSONParseError(code: .invalidReplacementRange, offset: 3)) {
      try document.replacing([(1..<5, []), (3..<6, [])])
    }
    #expect(throws: JSONParseError(code: .invalidReplacementRange, offset: 50)) {
      try document.replacing([(50..<500, [])])
    }
    #expect(throws: JSONParseError.self) {
      try document.replacing([(0..<1, Array("[".utf8))])
    }
  }
}
