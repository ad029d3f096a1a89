import Testing
import VigilCore

@testable import VigilNet

@Suite struct DNSCacheTests {
  let start = Timestamp(nanoseconds: 1_700_000_000_000_000_000)

  func at(_ seconds: Int64) -> Timestamp { start.adding(.seconds(seconds)) }

  @Test func attributesCNAMEChainToAskedName() throws {
    var cache = DNSCache(minimumTTL: 0)
    let message = try DNSMessage(bytes: DNSSamples.cnameChain())
    cache.record(response: message, client: "10.244.1.5", at: start)
    #expect(cache.name(for: "1.2.3.4", client: "10.244.1.5", at: at(1)) == "www.example.com")
  }

  @Test func expiresAtShortestTTLAlongChain() throws {
    var cache = DNSCache(minimumTTL: 0)
    // Chain TTLs are 120, 600 and 30: the binding lives 30 seconds.
    cache.record(response: try DNSMessage(bytes: DNSSamples.cnameChain()), client: "c", at: start)
    #expect(cache.name(for: "1.2.3.4", client: "c", at: at(29)) == "www.example.com")
    #expect(cache.name(for: "1.2.3.4", client: "c", at: at(30)) == nil)
  }

  @Test func keepsShortLivedAnswersForTheMinimumTTL() throws {
    var cache = DNSCache(minimumTTL: 120)
    // The chain's shortest TTL is 30 s; the binding is kept 120 s anyway.
    cache.record(response: try DNSMessage(bytes: DNSSamples.cnameChain()), client: "c", at: start)
    #expect(cache.name(for: "1.2.3.4", client: "c", at: at(119)) == "www.example.com")
    #expect(cache.name(for: "1.2.3.4", client: "c", at: at(120)) == nil)
    // A TTL above the minimum still counts.
    cache.record(response: try DNSMessage(bytes: DNSSamples.aResponse()), client: "c", at: start)
    #expect(cache.name(for: "93.184.216.34", client: "c", at: at(3599)) == "example.com")
  }

  @Test func expiresEachAddressByItsTTL() throws {
    var cache = DNSCache(minimumTTL: 0)
    cache.record(response: try DNSMessage(bytes: DNSSamples.aResponse()), client: "c", at: start)
    #expect(cache.name(for: "93.184.216.35", client: "c", at: at(59)) == "example.com")
    #expect(cache.name(for: "93.184.216.35", client: "c", at: at(60)) == nil)
    #expect(cache.name(for: "93.184.216.34", client: "c", at: at(3599)) == "example.com")
    #expect(cache.name(for: "93.184.216.34", client: "c", at: at(3600)) == nil)
  }

  @Test func keepsClientsApart() throws {
    var cache = DNSCache(minimumTTL: 0)
    cache.record(
      response: try DNSMessage(bytes: DNSSamples.aResponse()), client: "10.0.0.1", at: start)
    #expect(cache.name(for: "93.184.216.34", client: "10.0.0.1", at: start) == "example.com")
    #expect(cache.name(for: "93.184.216.34", client: "10.0.0.2", at: start) == nil)
  }

  @Test func returnsMostRecentName() throws {
    var cache = DNSCache(minimumTTL: 0)
    for (offset, name) in [(0, "first.example"), (5, "second.example")] {
      var message = DNSTestEncoder(questions: 1, answers: 1)
      message.question(name)
      message.a(name, [203, 0, 113, 7], ttl: 100)
      cache.record(
        response: try DNSMessage(bytes: message.bytes), client: "c", at: at(Int64(offset)))
    }
    #expect(cache.name(for: "203.0.113.7", client: "c", at: at(10)) == "second.example")
  }

  @Test func recordsAAAAAndNormalizesCase() throws {
    var cache = DNSCache(minimumTTL: 0)
    var message = DNSTestEncoder(questions: 1, answers: 1)
    message.question("IPv6.Example.COM", type: 28)
    message.aaaa(
      "ipv6.example.com", [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [0xab])
    cache.record(response: try DNSMessage(bytes: message.bytes), client: "fd00::5", at: start)
    #expect(cache.name(for: "2001:DB8::AB", client: "fd00::5", at: start) == "ipv6.example.com")
  }

  @Test func ignoresQueriesAndErrors() throws {
    var cache = DNSCache(minimumTTL: 0)
    for flags: UInt16 in [0x0100, 0x8183, 0x8182] {
      var message = DNSTestEncoder(flags: flags, questions: 1, answers: 1)
      message.question("example.com")
      message.a("example.com", [192, 0, 2, 9])
      cache.record(response: try DNSMessage(bytes: message.bytes), client: "c", at: start)
    }
    #expect(cache.count == 0)
    #expect(cache.name(for: "192.0.2.9", client: "c", at: start) == nil)
  }

  @Test func survivesCNAMELoop() throws {
    var cache = DNSCache(minimumTTL: 0)
    var message = DNSTestEncoder(questions: 1, answers: 3)
    message.question("a.example")
    message.cname("a.example", "b.example")
    message.cname("b.example", "a.example")
    message.a("b.example", [192, 0, 2, 3])
    cache.record(response: try DNSMessage(bytes: message.bytes), client: "c", at: start)
    #expect(cache.name(for: "192.0.2.3", client: "c", at: start) == "a.example")
  }

  @Test func evictsOldestBeyondMaxEntries() throws {
    var cache = DNSCache(maxEntries: 100, maxAddressesPerName: 8)
    for index in 0..<1_000 {
      var message = DNSTestEncoder(questions: 1, answers: 1)
      message.question("host\(index).example")
      message.a("host\(index).example", [10, 1, UInt8(index >> 8), UInt8(index & 0xFF)], ttl: 3600)
      cache.record(
        response: try DNSMessage(bytes: message.bytes), client: "c", at: at(Int64(index)))
      #expect(cache.count <= 100)
    }
    #expect(cache.count == 100)
    #expect(cache.name(for: "10.1.3.231", client: "c", at: at(1_000)) == "host999.example")
    #expect(cache.name(for: "10.1.3.132", client: "c", at: at(1_000)) == "host900.example")
    #expect(cache.name(for: "10.1.3.131", client: "c", at: at(1_000)) == nil)
    #expect(cache.order.count - cache.orderHead <= 2 * 1024 + 1)
  }

  @Test func capsAddressesPerName() throws {
    var cache = DNSCache(maxEntries: 1_000, maxAddressesPerName: 3)
    var message = DNSTestEncoder(questions: 1, answers: 5)
    message.question("pool.example")
    for last: UInt8 in 1...5 { message.a("pool.example", [198, 51, 100, last]) }
    cache.record(response: try DNSMessage(bytes: message.bytes), client: "c", at: start)
    #expect(cache.count == 3)
    let known = (1...5).filter {
      cache.name(for: "198.51.100.\($0)", client: "c", at: start) != nil
    }
    #expect(known == [3, 4, 5])
  }

  @Test func refreshingKeepsBindingAlive() throws {
    var cache = DNSCache(maxEntries: 2)
    let bytes = DNSSamples.cnameChain()
    for second in 0..<5_000 {
      cache.record(response: try DNSMessage(bytes: bytes), client: "c", at: at(Int64(second)))
    }
    #expect(cache.count == 1)
    #expect(cache.name(for: "1.2.3.4", client: "c", at: at(5_000)) == "www.example.com")
    #expect(cache.order.count - cache.orderHead <= 2 * 1024 + 1)
  }

  @Test func capsNamesPerAddress() throws {
    var cache = DNSCache(minimumTTL: 0)
    for index in 0..<20 {
      var message = DNSTestEncoder(questions: 1, answers: 1)
      message.question("site\(index).example")
      message.a("site\(index).example", [203, 0, 113, 80])
      cache.record(
        response: try DNSMessage(bytes: message.bytes), client: "c", at: at(Int64(index)))
    }
    #expect(cache.count == DNSCache.maxNamesPerAddress)
    #expect(cache.name(for: "203.0.113.80", client: "c", at: at(20)) == "site19.example")
  }
}
