import Testing
import VigilDetect

/// Dedup keys stay what they were: FNV-1a 64 over the parts, each followed by 0x1f, in hex.
@Suite struct DedupKeyTests {
  /// The byte-at-a-time definition, printed with `String(_:radix:)`.
  static func reference(_ parts: [String]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in parts.flatMap({ Array($0.utf8) + [UInt8(0x1f)] }) {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  @Test func noPartsIsTheOffsetBasis() {
    #expect(DedupKey.make([]) == "cbf29ce484222325")
  }

  @Test(arguments: [
    [""], ["Attach/Exec Pod", "out"], ["r", "burst", "alice", "é😀"], ["a", ""], ["", "a"],
  ])
  func agreesWithTheDefinition(_ parts: [String]) {
    let key = DedupKey.make(parts)
    #expect(key == Self.reference(parts))
    #expect(key.utf8.count == 16)
  }

  @Test func agreesOnRandomParts() {
    let pieces = ["a", "Z", "/", " ", "é", "日本", "😀", "pods", "kube-system", "\u{1f}"]
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let parts = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
        (0..<Int.random(in: 0...6, using: &rng)).map { _ in
          pieces[Int.random(in: 0..<pieces.count, using: &rng)]
        }.joined()
      }
      #expect(DedupKey.make(parts) == Self.reference(parts), "\(parts)")
    }
  }
}
