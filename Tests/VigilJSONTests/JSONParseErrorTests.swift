import Testing
import VigilJSON

@Suite struct JSONParseErrorTests {
  @Test func descriptionsNameByteAndOffset() {
    #expect(
      JSONParseError(code: .unexpectedByte(UInt8(ascii: "x")), offset: 12).description
        == "unexpected byte 'x' at offset 12")
    #expect(
      JSONParseError(code: .unexpectedByte(0x01), offset: 0).description
        == "unexpected byte 0x01 at offset 0")
    #expect(
      JSONParseError(code: .unexpectedByte(0xEF), offset: 3).description
        == "unexpected byte 0xEF at offset 3")
    #expect(JSONParseError(code: .empty, offset: 0).description == "empty input at offset 0")
    #expect(JSONParseError(code: .tooDeep, offset: 512).description.contains("512"))
  }

  @Test func everyCodeHasADistinctDescription() {
    let codes: [JSONParseError.Code] = [
      .empty, .unexpectedEnd, .unexpectedByte(0x41), .invalidNumber, .invalidEscape,
      .invalidUnicodeEscape, .controlCharacterInString, .trailingContent, .tooDeep,
      .invalidReplacementRange,
    ]
    let descriptions = Set(codes.map { JSONParseError(code: $0, offset: 1).description })
    #expect(descriptions.count == codes.count)
  }

  @Test func offsetsPointAtTheProblem() {
    func offset(_ text: String) -> Int? {
      do {
        _ = try JSONDocument(parsing: text)
        return nil
      } catch {
        return error.offset
      }
    }
    #expect(offset(#"{"a": [1, 2, x]}"#) == 13)
    #expect(offset(#"["ab\qc"]"#) == 4)
    #expect(offset("[1, 2") == 5)
    #expect(offset("[1] 2") == 4)
    #expect(offset("  ") == 2)
  }
}
