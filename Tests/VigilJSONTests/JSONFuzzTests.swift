import Testing
import VigilJSON

/// Deterministic mutation fuzzing: mutated documents must parse or throw, never crash, and every
/// accessor on an accepted document must stay in bounds.
@Suite struct JSONFuzzTests {
  static let interesting: [UInt8] =
    Array(#"{}[]",:\/0123456789-+.eEtrufalsn u"#.utf8) + [
      0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xFF,
    ]

  static func seeds() -> [[UInt8]] {
    var rng = SeededGenerator(seed: 42)
    var seeds = (0..<40).map { _ in
      Array(RandomJSON.make(depth: 4, using: &rng).text(using: &rng).utf8)
    }
    seeds += JSONConformanceTests.accepted.map { Array($0.1.utf8) }
    seeds.append(JSONSamples.syntheticAuditEvent(seed: 3))
    return seeds
  }

  static func mutate(_ input: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
    var bytes = input
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
      let byte =
        Bool.random(using: &rng)
        ? interesting[Int.random(in: 0..<interesting.count, using: &rng)]
        : UInt8.random(in: 0...255, using: &rng)
      switch Int.random(in: 0..<6, using: &rng) {
      case 0 where !bytes.isEmpty: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
      case 1 where !bytes.isEmpty: bytes[position] = byte
      case 2: bytes.removeLast(Int.random(in: 0...bytes.count, using: &rng) / 4)
      case 3: bytes.insert(byte, at: position)
      case 4 where !bytes.isEmpty:
        bytes.removeSubrange(
          position..<min(bytes.count, position + Int.random(in: 1...8, using: &rng)))
      default:
        let end = min(bytes.count, position + Int.random(in: 0...16, using: &rng))
        bytes.insert(contentsOf: bytes[position..<end], at: position)
      }
    }
    return bytes
  }

  /// Reads everything an accepted document offers, checking ranges stay inside the bytes.
  static func exercise(_ document: JSONDocument) {
    var stack = [document.root]
    var visited = 0
    while let value = stack.popLast(), visited < 10_000 {
      visited += 1
      let range = value.byteRange
      #expect(range.lowerBound >= 0 && range.upperBound <= document.bytes.count)
      _ = (value.string, value.int, value.double, value.bool, value.isNull, value.displayString)
      _ = value.rawText
      _ = value.stringEquals("a")
      _ = value.value(atPointer: "/0/a~1b/~0")
      _ = value[0]
      _ = value["a"]
      value.forEachMember { key, member in
        // Keys with invalid UTF-8 decode lossily, so only valid ones must be found again.
        #expect(value[key] != nil || key.unicodeScalars.contains("\u{FFFD}"))
        stack.append(member)
      }
      value.forEachElement { stack.append($0) }
    }
  }

  @Test func mutatedDocumentsNeverCrash() {
    var rng = SeededGenerator(seed: 2024)
    let seeds = Self.seeds()
    var indexer = JSONIndexer()
    var accepted = 0
    for _ in 0..<20_000 {
      let input = Self.mutate(seeds[Int.random(in: 0..<seeds.count, using: &rng)], using: &rng)
      do {
        let document = try indexer.parse(input)
        accepted += 1
        Self.exercise(document)
        // Whatever was accepted re-parses identically from its root's source text.
        let again = try JSONDocument(parsing: Array(document.bytes[document.root.byteRange]))
        #expect(again.root.kind == document.root.kind)
      } catch {
        #expect(error.offset >= 0 && error.offset <= input.count, "\(error) for \(input)")
      }
    }
    #expect(accepted > 500)
  }

  /// Inputs that once crashed or misbehaved in any parser of this kind; kept as regressions.
  static let crashers: [[UInt8]] = [
    [],
    [0x22],
    [0x22, 0x5C],
    [0x22, 0x5C, 0x75],
    [0x22, 0x5C, 0x75, 0x30, 0x30],
    Array(#""\ud800\"#.utf8),
    [0x2D],
    Array("0.".utf8),
    Array("0e".utf8),
    Array("0e-".utf8),
    Array("[1,".utf8),
    Array(#"{"a""#.utf8),
    Array(#"{"a":"#.utf8),
    Array("t".utf8),
    Array("fals".utf8),
    [0x5B, 0x22, 0x00, 0x22, 0x5D],
    Array(repeating: 0x5B, count: 10_000),
    Array(repeating: 0x7B, count: 10_000),
    Array(String(repeating: #"{"":"#, count: 10_000).utf8),
    Array(("[" + String(repeating: "1,", count: 100_000) + "1]").utf8),
    Array(("\"" + String(repeating: "\\\\", count: 10_000) + "\"").utf8),
    Array("-9223372036854775808999".utf8),
    Array("1e99999999999999999999".utf8),
    [0x22, 0xFF, 0xFE, 0x22],
    Array("       ".utf8) + [0x22, 0x61],
    // libFuzzer: a key with a raw invalid byte before a combining-mark escape.
    Array(#"{"n"#.utf8) + [0x84] + Array(#"\u03220(":"~","":5}"#.utf8),
  ]

  @Test(arguments: 0..<crashers.count)
  func crasherRegression(_ index: Int) {
    do {
      let document = try JSONDocument(parsing: Self.crashers[index])
      Self.exercise(document)
    } catch {
      #expect(error.offset <= Self.crashers[index].count)
    }
  }
}
