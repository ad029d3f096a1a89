import Foundation
import Testing
import VigilJSON

/// Generated documents parsed by both VigilJSON and Foundation's JSONSerialization: every leaf
/// reachable by path must agree.
@Suite struct JSONCrossCheckTests {
  @Test func agreesWithJSONSerialization() throws {
    var rng = SeededGenerator(seed: 0x5EED)
    var leaves = 0
    for _ in 0..<400 {
      let tree = RandomJSON.make(depth: Int.random(in: 0...5, using: &rng), using: &rng)
      let text = tree.text(using: &rng)
      let document = try JSONDocument(parsing: text)
      let foundation = try JSONSerialization.jsonObject(
        with: Data(text.utf8), options: [.fragmentsAllowed])
      leaves += try compare(foundation, document.root, path: [], text: text)
    }
    #expect(leaves > 500)
  }

  /// Walks Foundation's tree and checks each node through VigilJSON's path lookup; returns leaves.
  private func compare(_ expected: Any, _ root: JSONValue, path: [String], text: String) throws
    -> Int
  {
    let value = try #require(root.value(atPath: path), "\(path) missing in \(text)")
    switch expected {
    case let dictionary as [String: Any]:
      #expect(value.kind == .object)
      #expect(value.count == dictionary.count)
      #expect(Set(value.keys) == Set(dictionary.keys))
      return try dictionary.reduce(0) {
        $0 + (try compare($1.value, root, path: path + [$1.key], text: text))
      }
    case let array as [Any]:
      #expect(value.kind == .array)
      #expect(value.count == array.count)
      return try array.enumerated().reduce(0) {
        $0 + (try compare($1.element, root, path: path + [String($1.offset)], text: text))
      }
    case let string as String:
      #expect(value.string == string, "\(path) in \(text)")
      #expect(value.stringEquals(string))
      #expect(value.displayString == string)
      #expect(value.value(atPointer: "") != nil)
    case is NSNull:
      #expect(value.isNull)
    case let number as NSNumber:
      if value.kind == .bool {
        #expect(value.bool == number.boolValue)
      } else {
        #expect(value.kind == .number)
        #expect(value.double == number.doubleValue, "\(path) \(value.rawText) in \(text)")
        if let int = value.int {
          #expect(int == number.int64Value, "\(path) \(value.rawText)")
        }
      }
    default:
      Issue.record("unexpected Foundation value \(type(of: expected))")
    }
    // The same node is reachable by JSON Pointer.
    let pointer = path.map {
      "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }.joined()
    #expect(root.value(atPointer: pointer)?.byteRange == value.byteRange, "pointer \(pointer)")
    return 1
  }
}
