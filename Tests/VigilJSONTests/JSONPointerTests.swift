import Testing
import VigilJSON

@Suite struct JSONPointerTests {
  /// RFC 6901 section 5's example document.
  static let rfc = #"""
    {"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5,
     "k\"l": 6, " ": 7, "m~n": 8, "nested": {"arr": [[1, {"x~y/z": true}]]}}
    """#

  @Test(arguments: [
    ("/foo/0", #""bar""#), ("/", "0"), ("/a~1b", "1"), ("/c%d", "2"), ("/e^f", "3"),
    ("/g|h", "4"), (#"/i\j"#, "5"), (#"/k"l"#, "6"), ("/ ", "7"), ("/m~0n", "8"),
    ("/foo/1", #""baz""#), ("/nested/arr/0/1/x~0y~1z", "true"), ("/foo", #"["bar", "baz"]"#),
  ])
  func resolves(pointer: String, raw: String) throws {
    let root = try JSONDocument(parsing: Self.rfc).root
    #expect(root.value(atPointer: pointer)?.rawText == raw)
  }

  @Test func emptyPointerIsSelf() throws {
    let root = try JSONDocument(parsing: Self.rfc).root
    #expect(root.value(atPointer: "")?.byteRange == root.byteRange)
  }

  @Test(arguments: [
    "foo", "/foo/2", "/foo/-", "/foo/01", "/foo/+1", "/foo/-1", "/foo/1x", "/missing", "/m~2n",
    "/m~", "/foo/0/x", "/ /x", "/foo/99999999999999999999999",
  ])
  func rejects(pointer: String) throws {
    let root = try JSONDocument(parsing: Self.rfc).root
    #expect(root.value(atPointer: pointer) == nil)
  }
}
