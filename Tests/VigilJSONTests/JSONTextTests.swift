import Testing
import VigilJSON

@Suite struct JSONTextTests {
  @Test func escapesWhatJSONRequires() {
    #expect(JSONText.quoted("plain") == #""plain""#)
    #expect(JSONText.quoted("a\"b\\c") == #""a\"b\\c""#)
    #expect(JSONText.quoted("\n\r\t\u{8}\u{C}") == #""\n\r\t\b\f""#)
    #expect(JSONText.quoted("\u{0}\u{1F}") == #""\u0000\u001f""#)
    #expect(JSONText.quoted("é/😀") == "\"é/😀\"")
    #expect(JSONText.quoted("") == #""""#)
  }

  @Test func roundTripsThroughTheParser() throws {
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<500 {
      let s = RandomJSON.randomString(using: &rng)
      let quoted = JSONText.quoted(s)
      #expect(try JSONDocument(parsing: quoted).root.string == s)
      #expect(try JSONDocument(parsing: quoted).root.stringEquals(s))
    }
  }
}
