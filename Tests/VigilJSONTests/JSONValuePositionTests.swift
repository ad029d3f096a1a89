import Testing
import VigilJSON

/// Reading member values by position (`forEachMemberPosition`) without making values.
@Suite struct JSONValuePositionTests {
  static let text = #"{"a":"plain","b":"esc\u00e9\n","c":12,"d":{"e":"inner"},"f":null}"#

  static func positions(_ root: JSONValue) -> [String: Int] {
    var out: [String: Int] = [:]
    root.forEachMemberPosition { key, position in
      out[String(decoding: key, as: UTF8.self)] = position
    }
    return out
  }

  @Test func stringsByPositionMatchValues() throws {
    let root = try JSONDocument(parsing: Self.text).root
    let at = Self.positions(root)
    for (_, position) in at {
      let value = root.value(atPosition: position)
      #expect(root.string(atPosition: position) == value?.string)
      let viaBytes = root.withStringUTF8(atPosition: position) {
        String(decoding: $0, as: UTF8.self)
      }
      #expect(viaBytes == value?.string)
    }
    #expect(root.string(atPosition: at["b"] ?? -1) == "esc\u{e9}\n")
    #expect(root.string(atPosition: at["c"] ?? -1) == nil)
  }

  @Test func elementPositions() throws {
    let root = try JSONDocument(parsing: #"["x",1,["y"],"z"]"#).root
    var strings: [String?] = []
    root.forEachElementPosition { strings.append(root.string(atPosition: $0)) }
    #expect(strings == ["x", nil, nil, "z"])
    var none = 0
    root.value(atPosition: 1)?.forEachElementPosition { _ in none += 1 }
    #expect(none == 0)
  }

  @Test(arguments: [0, -1, 1_000, Int.max])
  func outOfRangePositionsAreNil(_ position: Int) throws {
    let root = try JSONDocument(parsing: Self.text).root
    #expect(root.string(atPosition: position) == nil)
    #expect(root.withStringUTF8(atPosition: position) { $0.count } == nil)
  }
}
