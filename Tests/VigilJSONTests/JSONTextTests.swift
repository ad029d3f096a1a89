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

  @Test func appendsAfterExistingBytes() {
    var out = Array("x".utf8)
    JSONText.appendQuoted("ab\"c\u{1}d\\", to: &out)
    #expect(String(decoding: out, as: UTF8.self) == #"x"ab\"c\u0001d\\""#)
  }

  @Test func agreesWithAByteByByteEscaper() {
    func reference(_ s: String) -> [UInt8] {
      var out: [UInt8] = [0x22]
      for c in s.utf8 {
        switch c {
        case 0x22, 0x5C: out += [0x5C, c]
        case 0x08: out += Array(#"\b"#.utf8)
        case 0x0C: out += Array(#"\f"#.utf8)
        case 0x0A: out += Array(#"\n"#.utf8)
        case 0x0D: out += Array(#"\r"#.utf8)
        case 0x09: out += Array(#"\t"#.utf8)
        case 0..<0x20:
          let hex = String(c, radix: 16)
          out += Array(("\\u00" + (hex.count == 1 ? "0" : "") + hex).utf8)
        default: out.append(c)
        }
      }
      return out + [0x22]
    }
    var rng = SeededGenerator(seed: 11)
    for _ in 0..<500 {
      let s = RandomJSON.randomString(using: &rng)
      var out: [UInt8] = []
      JSONText.appendQuoted(s, to: &out)
      #expect(out == reference(s), "\(s.debugDescription)")
    }
    let bytes = (0..<0x20).map { UInt8($0) } + Array("\"\\a".utf8)
    let controls = String(decoding: bytes, as: UTF8.self)
    var out: [UInt8] = []
    JSONText.appendQuoted(controls, to: &out)
    #expect(out == reference(controls))
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
