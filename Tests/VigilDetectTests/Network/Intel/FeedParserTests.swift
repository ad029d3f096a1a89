import Testing

@testable import VigilDetect

@Suite("Feed parsers")
struct FeedParserTests {
  @Test("plain text: kinds detected, comments and blanks skipped, bad lines reported by line")
  func text() {
    let feed = """
      # a comment
      ; another

      198.51.100.7
        203.0.113.0/24   # scanners
      evil.example
      0.0.0.0 ads.example
      https://evil.example/payload.sh
      2001:db8::bad::1
      10.0.0.0/33
      999.1.1.1
      not a domain!
      """
    let result = TextFeedParser.parse(Array(feed.utf8), feed: "t")
    #expect(result.indicators.map(\.kind) == [.ipv4, .cidr, .domain, .domain, .url])
    #expect(result.indicators[1].description == "scanners")
    #expect(result.indicators[3].value == "ads.example")
    #expect(result.indicators[4].host == "evil.example")
    #expect(result.indicators.allSatisfy { $0.feed == "t" })
    #expect(result.skipped == 4)
    #expect(result.problems.map(\.position) == [9, 10, 11, 12])
    #expect(
      result.problems.map(\.code) == [
        .invalidAddress, .invalidCIDR, .invalidAddress, .invalidDomain,
      ])
  }

  @Test("CSV: column by name or index, quoted fields, description column, short rows")
  func csv() {
    let feed = #"""
      # generated 2026-11-01
      id,"indicator, value",type,comment
      1,198.51.100.7,ip,"C2 ""alpha"""
      2,"evil.example",domain,"multi
      line"
      3
      4,,ip,empty
      """#
    let byName = CSVFeedParser.parse(
      Array(feed.utf8), feed: "c",
      configuration: .init(column: .name("Indicator, Value"), descriptionColumn: .name("comment")))
    #expect(byName.indicators.map(\.value) == ["198.51.100.7", "evil.example"])
    #expect(byName.indicators.map(\.description) == [#"C2 "alpha""#, "multi\nline"])
    #expect(byName.problems.map(\.code) == [.missingColumn, .unrecognizedIndicator])
    #expect(byName.problems.map(\.position) == [6, 7])

    let byIndex = CSVFeedParser.parse(
      Array("198.51.100.9;x\nbad host;y\n".utf8), feed: "c",
      configuration: .init(column: .index(0), hasHeader: false, separator: UInt8(ascii: ";")))
    #expect(byIndex.indicators.map(\.value) == ["198.51.100.9"])
    #expect(byIndex.skipped == 1)

    let missing = CSVFeedParser.parse(
      Array("a,b\n1,2\n".utf8), feed: "c", configuration: .init(column: .name("ip")))
    #expect(missing.indicators.isEmpty && missing.problems.first?.code == .missingColumn)
    let open = CSVFeedParser.parse(
      Array("ip\n\"198.51.100.1\n".utf8), feed: "c", configuration: .init(column: .name("ip")))
    #expect(open.problems.first?.code == .unterminatedQuote)
  }

  /// Shaped like a real STIX 2.1 bundle (an identity, a malware, indicators, relationships).
  static let bundle = #"""
    {
      "type": "bundle",
      "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
      "objects": [
        {"type": "identity", "spec_version": "2.1", "id": "identity--b2f8e2d1-0000-4000-8000-000000000001",
         "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
         "name": "ACME CERT", "identity_class": "organization"},
        {"type": "indicator", "spec_version": "2.1",
         "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
         "created_by_ref": "identity--b2f8e2d1-0000-4000-8000-000000000001",
         "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
         "name": "Poison Ivy C2", "description": "Command and control server",
         "indicator_types": ["malicious-activity"],
         "pattern": "[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '203.0.113.0/24']",
         "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--2", "name": "C2 domain",
         "pattern": "[domain-name:value = 'c2.evil.example'] OR [url:value = 'http://drop.evil.example/a\\'b']",
         "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--3",
         "pattern": "[ipv6-addr:value = '2001:db8::7']", "pattern_type": "stix",
         "valid_from": "2026-01-01T00:00:00Z"},
        {"type": "indicator", "id": "indicator--4", "pattern": "[file:hashes.'SHA-256' = 'aa']",
         "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
        {"type": "indicator", "id": "indicator--5",
         "pattern": "[ipv4-addr:value = '198.51.100.8' AND network-traffic:dst_port = 22]",
         "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
        {"type": "indicator", "id": "indicator--6", "pattern": "alert tcp any any", "pattern_type": "snort"},
        {"type": "indicator", "id": "indicator--7", "revoked": true,
         "pattern": "[ipv4-addr:value = '198.51.100.99']", "pattern_type": "stix"},
        {"type": "indicator", "id": "indicator--8", "pattern": "[ipv4-addr:value = 'nope'"},
        {"type": "indicator", "id": "indicator--9"},
        {"type": "malware", "spec_version": "2.1", "id": "malware--1", "name": "Poison Ivy", "is_family": true},
        {"type": "relationship", "id": "relationship--1", "relationship_type": "indicates",
         "source_ref": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "target_ref": "malware--1"}
      ]
    }
    """#

  @Test("STIX 2.1 bundle: OR'ed comparisons kept, the rest skipped and counted by object")
  func stix() {
    let result = STIXFeedParser.parse(Array(Self.bundle.utf8), feed: "acme")
    #expect(
      result.indicators.map(\.value) == [
        "198.51.100.7", "203.0.113.0/24", "c2.evil.example", "http://drop.evil.example/a'b",
        "2001:db8::7",
      ])
    #expect(result.indicators[0].description == "Poison Ivy C2: Command and control server")
    #expect(result.indicators[2].description == "C2 domain")
    #expect(result.indicators[3].host == "drop.evil.example")
    #expect(
      result.problems.map(\.code) == [
        .unsupportedPattern, .unsupportedPattern, .unsupportedPatternType, .revoked,
        .invalidPattern, .missingPattern,
      ])
    #expect(result.problems.map(\.position) == [4, 5, 6, 7, 8, 9])
    #expect(result.problems[0].description.contains("indicator--4"))
  }

  @Test("STIX: not JSON, not a bundle, a bare indicator")
  func stixShapes() {
    #expect(STIXFeedParser.parse(Array("{".utf8), feed: "s").problems.first?.code == .invalidJSON)
    #expect(STIXFeedParser.parse(Array("42".utf8), feed: "s").problems.first?.code == .notABundle)
    let one = STIXFeedParser.parse(
      Array(#"{"type":"indicator","pattern":"[domain-name:value = 'X.Example']"}"#.utf8),
      feed: "s")
    #expect(one.indicators.map(\.value) == ["x.example"])
  }

  @Test("no parser crashes on arbitrary bytes or mutated feeds")
  func fuzz() {
    var generator = SystemRandomNumberGenerator()
    let seeds = [
      Array(Self.bundle.utf8), Array("198.51.100.7\nevil.example\nhttp://[::1]:80/\n".utf8),
      Array("a,\"b\"\"c\",d\n\"x\n".utf8),
    ]
    let csv = CSVFeedParser.Configuration(column: .index(1))
    for round in 0..<600 {
      var bytes: [UInt8]
      if round % 3 == 0 {
        bytes = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in
          UInt8.random(in: 0...255, using: &generator)
        }
      } else {
        bytes = seeds[round % seeds.count]
        for _ in 0..<Int.random(in: 1...12, using: &generator) where !bytes.isEmpty {
          let at = Int.random(in: 0..<bytes.count, using: &generator)
          switch Int.random(in: 0..<3, using: &generator) {
          case 0: bytes[at] = UInt8.random(in: 0...255, using: &generator)
          case 1: bytes.remove(at: at)
          default:
            bytes.insert(
              Array("[]'\":/.,\\\n#*".utf8).randomElement(using: &generator) ?? 0, at: at)
          }
        }
      }
      _ = TextFeedParser.parse(bytes, feed: "z")
      _ = CSVFeedParser.parse(bytes, feed: "z", configuration: csv)
      _ = STIXFeedParser.parse(bytes, feed: "z")
      _ = Stratum.looksLikeStratum(firstBytes: bytes)
      _ = IndicatorSet(TextFeedParser.parse(bytes, feed: "z").indicators).match(domain: "a.b")
    }
  }
}
