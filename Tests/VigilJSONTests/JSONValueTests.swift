import Testing
import VigilJSON

@Suite struct JSONValueTests {
  private func root(_ text: String) throws -> JSONValue {
    try JSONDocument(parsing: text).root
  }

  @Test func decodesEscapes() throws {
    let value = try root(#""q\" b\\ s\/ \b\f\n\r\t u\u0041\u00e9\u65E5""#)
    #expect(value.string == "q\" b\\ s/ \u{8}\u{C}\n\r\t uAé日")
    #expect(value.stringEquals("q\" b\\ s/ \u{8}\u{C}\n\r\t uAé日"))
    #expect(!value.stringEquals("q"))
  }

  @Test func decodesSurrogatePairs() throws {
    #expect(try root(#""\ud83d\ude00x""#).string == "😀x")
    #expect(try root(#""\uD834\uDD1E""#).string == "𝄞")
    #expect(try root(#""\ud800""#).string == "\u{FFFD}")
    #expect(try root(#""\udc00\ud800z""#).string == "\u{FFFD}\u{FFFD}z")
    #expect(try root(#""\ud800\u0041""#).string == "\u{FFFD}A")
  }

  @Test func stringEqualsComparesCodePoints() throws {
    let precomposed = try root(#""caf\u00e9""#)
    #expect(precomposed.stringEquals("café"))
    #expect(!precomposed.stringEquals("cafe\u{301}"))  // canonically equal, different bytes
    #expect(try root(#""abc""#).stringEquals("abc"))
    #expect(try !root("1").stringEquals("1"))
  }

  @Test func integers() throws {
    #expect(try root("0").int == 0)
    #expect(try root("-0").int == 0)
    #expect(try root("9223372036854775807").int == Int64.max)
    #expect(try root("-9223372036854775808").int == Int64.min)
    #expect(try root("9223372036854775808").int == nil)
    #expect(try root("9223372036854775808").double == 9_223_372_036_854_775_808.0)
    #expect(try root("-9223372036854775809").int == nil)
    #expect(try root("123456789012345678901234567890").double == 1.2345678901234568e29)
    #expect(try root("1.0").int == nil)
    #expect(try root("1e2").int == nil)
    #expect(try root("\"1\"").int == nil)
  }

  @Test func doubles() throws {
    #expect(try root("0.5").double == 0.5)
    #expect(try root("-1.5e+10").double == -1.5e10)
    #expect(try root("1E-2").double == 0.01)
    #expect(try root("12").double == 12)
    #expect(try root("-0.0").double == 0)
    #expect(try root("1e400").double == .infinity)
    #expect(try root("true").double == nil)
    #expect(try root("123456789012345678").double == 123_456_789_012_345_678.0)
  }

  @Test func kindsAndScalars() throws {
    let value = try root(#"[{}, [], "s", 1, true, false, null]"#)
    #expect(value.elements.map(\.kind) == [.object, .array, .string, .number, .bool, .bool, .null])
    #expect(value[4]?.bool == true)
    #expect(value[5]?.bool == false)
    #expect(value[6]?.isNull == true)
    #expect(value[3]?.isNull == false)
    #expect(value[2]?.bool == nil)
    #expect(value[3]?.string == nil)
    #expect(value[7] == nil)
    #expect(value[-1] == nil)
    #expect(value["a"] == nil)
    #expect(value[0]?[0] == nil)
  }

  @Test func duplicateKeysFirstWins() throws {
    let value = try root(#"{"a":1,"b":2,"a":3}"#)
    #expect(value["a"]?.int == 1)
    #expect(value.count == 3)
    #expect(value.keys == ["a", "b", "a"])
  }

  @Test func keysWithEscapesMatch() throws {
    let value = try root(#"{"a\/b":1,"\u0063":2,"d\"":3,"k8s.io\/name":4}"#)
    #expect(value["a/b"]?.int == 1)
    #expect(value["c"]?.int == 2)
    #expect(value["d\""]?.int == 3)
    #expect(value["k8s.io/name"]?.int == 4)
    #expect(value.keys == ["a/b", "c", "d\"", "k8s.io/name"])
  }

  @Test func emptyContainers() throws {
    let value = try root(#"{"o":{},"a":[]}"#)
    #expect(value["o"]?.count == 0)
    #expect(value["o"]?.members.isEmpty == true)
    #expect(value["a"]?.elements.isEmpty == true)
    #expect(value["a"]?.rawText == "[]")
    #expect(value["o"]?.kind == .object)
  }

  @Test func membersAndIteration() throws {
    let value = try root(#"{"x": [1, 2, 3], "y": {"z": "w"}}"#)
    #expect(value.members.map(\.key) == ["x", "y"])
    var sum: Int64 = 0
    value["x"]?.forEachElement { sum += $0.int ?? 0 }
    #expect(sum == 6)
    var seen: [String] = []
    value.forEachMember { key, member in seen.append("\(key)=\(member.kind)") }
    #expect(seen == ["x=array", "y=object"])
    #expect(value["x"]?.count == 3)
    #expect(value["y"]?["z"]?.string == "w")
    #expect(value["x"]?.keys == [])
  }

  @Test func pathLookup() throws {
    let value = try root(#"{"a":{"b":[10,{"c":"d"}],"0":"zero"},"arr":[["x"]]}"#)
    #expect(value.value(atPath: ["a", "b", "1", "c"])?.string == "d")
    #expect(value.value(atPath: ["a", "0"])?.string == "zero")
    #expect(value.value(atPath: ["arr", "0", "0"])?.string == "x")
    #expect(value.value(atPath: ["a", "b", "2"]) == nil)
    #expect(value.value(atPath: ["a", "b", "x"]) == nil)
    #expect(value.value(atPath: [])?.kind == .object)
    #expect(value.value(atPath: "a", "b", "0")?.int == 10)
  }

  @Test func rangesAndRawText() throws {
    let document = try JSONDocument(parsing: #" {"a" : [1, 2.5e1, "x\n"], "b": null} "#)
    let a = try #require(document.root["a"])
    #expect(a.rawText == #"[1, 2.5e1, "x\n"]"#)
    #expect(document.root.byteRange == 1..<37)
    #expect(a[1]?.rawText == "2.5e1")
    #expect(a[2]?.rawText == #""x\n""#)
    #expect(Array(document.bytes[a.byteRange]) == Array(a.rawText.utf8))
  }

  @Test func displayString() throws {
    let value = try root(
      #"{"s":"plain","e":"tab\there","n":-1.50,"t":true,"z":null,"o":{ "k" : [1, "a b", "q\"\u00e9"] }}"#
    )
    #expect(value["s"]?.displayString == "plain")
    #expect(value["e"]?.displayString == "tab\there")
    #expect(value["n"]?.displayString == "-1.50")
    #expect(value["t"]?.displayString == "true")
    #expect(value["z"]?.displayString == "null")
    #expect(value["o"]?.displayString == #"{"k":[1,"a b","q\"é"]}"#)
  }

  @Test func indexerReusesBuffers() throws {
    var indexer = JSONIndexer()
    let first = try indexer.parse(Array(#"{"a":[1,2,3]}"#.utf8))
    let second = try indexer.parse(Array(#"["x"]"#.utf8))
    #expect(first.root["a"]?.count == 3)  // still valid after the indexer moved on
    #expect(second.root[0]?.string == "x")
    #expect(throws: JSONParseError.self) { try indexer.parse(Array("[".utf8)) }
    #expect(try indexer.parse(Array("7".utf8)).root.int == 7)
  }

  @Test func initializers() throws {
    let bytes: [UInt8] = Array(#"{"k":"v"}"#.utf8)
    let fromRaw = try bytes.withUnsafeBytes { try JSONDocument(parsing: $0) }
    #expect(fromRaw.root["k"]?.string == "v")
    #expect(try JSONDocument(parsing: bytes).bytes == bytes)
    #expect(try JSONDocument(parsing: #"{"k":"v"}"#).root.count == 1)
  }

  @Test func syntheticAuditEventReads() throws {
    let document = try JSONDocument(parsing: JSONSamples.syntheticAuditEvent(seed: 27))
    for path in JSONSamples.auditPaths {
      #expect(document.root.value(atPath: path) != nil, "\(path)")
    }
    let reason = document.root.value(atPath: ["annotations", "authorization.k8s.io/reason"])
    #expect(reason?.string?.contains(#""deployer/payments""#) == true)
  }
}
