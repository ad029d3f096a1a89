import Testing

@testable import VigilDetect

@Suite("IndicatorSet")
struct IndicatorSetTests {
  static func set(_ lines: String, feed: String = "f") -> IndicatorSet {
    IndicatorSet(TextFeedParser.parse(Array(lines.utf8), feed: feed).indicators)
  }

  @Test("exact addresses, longest CIDR prefix, IPv6 and mapped IPv4")
  func addresses() throws {
    let set = Self.set(
      """
      198.51.100.7 # single
      198.51.0.0/16 # wide
      198.51.100.0/24 # narrow
      2001:DB8::/32
      2001:db8:0:0::5
      """)
    #expect(set.match(ip: "198.51.100.7")?.indicator.description == "single")
    #expect(set.match(ip: "198.51.100.8")?.indicator.description == "narrow")
    #expect(set.match(ip: "198.51.7.1")?.indicator.description == "wide")
    #expect(set.match(ip: "198.52.0.1") == nil)
    #expect(set.match(ip: "::ffff:198.51.100.7")?.indicator.value == "198.51.100.7")
    #expect(set.match(ip: "2001:db8::5")?.indicator.value == "2001:db8::5")
    #expect(set.match(ip: "2001:db8:ffff::1")?.indicator.value == "2001:db8::/32")
    #expect(set.match(ip: "2001:db9::1") == nil)
    #expect(set.match(ip: "not-an-ip") == nil)
  }

  @Test("domains match themselves and their subdomains, case and trailing dot ignored")
  func domains() {
    let set = Self.set("Evil.Example.\n*.pool.test\nvery.specific.evil.example # deep\n")
    #expect(set.match(domain: "evil.example")?.indicator.value == "evil.example")
    #expect(set.match(domain: "A.B.EVIL.example.")?.indicator.value == "evil.example")
    #expect(set.match(domain: "x.very.specific.evil.example")?.indicator.description == "deep")
    #expect(set.match(domain: "xpool.test") == nil)
    #expect(set.match(domain: "notevil.example") == nil)
    #expect(set.match(domain: "example") == nil)
    #expect(set.match(domain: "eu1.pool.test")?.indicator.value == "pool.test")
    #expect(set.match(domain: "") == nil)
  }

  @Test("URLs match on their host; feeds listing the same indicator are all reported")
  func urlsAndFeeds() {
    var set = Self.set("http://User@Bad.Example:8080/x?y=1\nhttps://[2001:db8::9]/p\n", feed: "a")
    set.insert(contentsOf: Self.set("bad.example\nbad.example\n", feed: "b").indicators)
    let match = set.match(domain: "cdn.bad.example")
    #expect(match?.indicator.feed == "b" && match?.indicator.kind == .domain)
    #expect(match?.alsoListedBy == ["a"])
    let url = Self.set("http://User@Bad.Example:8080/x?y=1\n").match(domain: "bad.example")
    #expect(url?.indicator.kind == .url)
    #expect(url?.indicator.value == "http://User@Bad.Example:8080/x?y=1")
    #expect(set.count == 3)
    #expect(set.match(ip: "2001:db8::9")?.indicator.host == "2001:db8::9")
  }

  @Test(
    "address text round-trips through the parser",
    arguments: [
      "0.0.0.0", "255.255.255.255", "10.0.0.1", "::", "::1", "2001:db8::1", "fe80::1:2:3:4",
      "2001:db8:1:2:3:4:5:6", "1::", "1:0:0:1::1",
    ])
  func roundTrip(_ text: String) throws {
    let value = try #require(IPAddressValue(text))
    #expect(IndicatorText.text(value) == text)
  }

  @Test(
    "malformed addresses are refused",
    arguments: [
      "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", ":1", "1:", "1:::2",
      "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "1::2::3", "",
    ])
  func malformed(_ text: String) {
    #expect(IPAddressValue(text) == nil)
  }
}
