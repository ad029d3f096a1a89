import Testing
import VigilJSON

/// The indexer's buffers: growth for dense texts, reuse across documents, the escape flag.
@Suite struct JSONIndexerTests {
  @Test func denseTextsGrowTheIndexAndKeepEveryValue() throws {
    // Two bytes per value: far more values than the index is first sized for.
    let count = 50_000
    let text = "[" + (0..<count).map { String($0 % 10) }.joined(separator: ",") + "]"
    var indexer = JSONIndexer()
    let document = try indexer.parse(Array(text.utf8))
    #expect(document.root.count == count)
    #expect(document.nodeCount == count + 1)
    #expect(document.root[count - 1]?.int == Int64((count - 1) % 10))
    #expect(document.root[12_345]?.int == 5)
  }

  @Test func oneIndexerParsesManyDocumentsIndependently() throws {
    var indexer = JSONIndexer()
    let first = try indexer.parse(Array(#"{"a":[1,2,3],"b":"x"}"#.utf8))
    let second = try indexer.parse(Array(#"[{"c":true}]"#.utf8))
    #expect(throws: JSONParseError.self) { try indexer.parse(Array("[1,".utf8)) }
    let third = try indexer.parse(Array(#""only""#.utf8))
    // Earlier documents are untouched by later parses (and by a failed one).
    #expect(first.root["a"]?[2]?.int == 3)
    #expect(first.root["b"]?.string == "x")
    #expect(second.root[0]?["c"]?.bool == true)
    #expect(third.root.string == "only")
  }

  @Test func releasedDocumentsAreRecycledWithoutLeakingOldValues() throws {
    var indexer = JSONIndexer()
    var sizes: [Int] = []
    // Big, small, failing, big again: each document released before the next parse, so the
    // indexer reuses one storage; every result must match a fresh parse.
    let texts = [
      "[" + String(repeating: #"{"k":"v","n":[1,2,3]},"#, count: 500) + "0]",
      #"{"small":true}"#,
      "[1,2,",
      #"["\u0041",{"x":null}]"#,
      "7",
      "[" + String(repeating: "1,", count: 40_000) + "1]",
      #"{"after":"growth"}"#,
    ]
    for text in texts {
      let fresh = try? JSONDocument(parsing: text)
      do {
        let document = try indexer.parse(Array(text.utf8))
        #expect(document.nodeCount == fresh?.nodeCount)
        #expect(document.root.displayString == fresh?.root.displayString)
        #expect(document.hasEscapedStrings == fresh?.hasEscapedStrings)
        #expect(document.root.value(atPosition: document.nodeCount) == nil)
        sizes.append(document.nodeCount)
      } catch {
        #expect(fresh == nil)
      }
    }
    #expect(sizes.count == texts.count - 1)
  }

  @Test func randomSequencesKeepingSomeDocumentsMatchFreshParses() throws {
    var rng = SeededGenerator(seed: 0x1DE7)
    var indexer = JSONIndexer()
    var kept: [(JSONDocument, String)] = []
    for round in 0..<2_000 {
      var text = RandomJSON.make(depth: Int.random(in: 0...4, using: &rng), using: &rng)
        .text(using: &rng)
      if round % 7 == 0 { text += "," }  // some invalid texts between the valid ones
      let fresh = try? JSONDocument(parsing: text)
      guard let document = try? indexer.parse(Array(text.utf8)) else {
        #expect(fresh == nil, "\(text)")
        continue
      }
      #expect(document.nodeCount == fresh?.nodeCount, "\(text)")
      #expect(document.root.displayString == fresh?.root.displayString, "\(text)")
      // Keep about one in five (as evidence would be); the others are released at once.
      if Int.random(in: 0..<5, using: &rng) == 0 { kept.append((document, text)) }
      if kept.count > 20 { kept.removeFirst(10) }
    }
    // Documents kept across later parses still read as when they were made.
    for (document, text) in kept {
      let fresh = try JSONDocument(parsing: text)
      #expect(document.nodeCount == fresh.nodeCount)
      #expect(document.root.displayString == fresh.root.displayString)
    }
  }

  @Test(arguments: [
    (#"{"a":"plain","b":["x","y"]}"#, false),
    (#"{"a":"tab\there"}"#, true),
    (#"{"\u0061":1}"#, true),
    (#"["\"quoted\""]"#, true),
    ("12", false),
  ])
  func escapeFlag(_ text: String, _ escaped: Bool) throws {
    #expect(try JSONDocument(parsing: text).hasEscapedStrings == escaped)
  }
}
