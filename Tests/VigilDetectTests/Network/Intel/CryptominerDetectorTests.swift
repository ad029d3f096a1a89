import Foundation
import Testing
import VigilCore
import VigilNet
import VigilTesting

@testable import VigilDetect

@Suite("CryptominerDetector")
struct CryptominerDetectorTests {
  @Test("pool names, stratum ports on public addresses and the stratum protocol are flagged")
  func evidence() {
    let detector = CryptominerDetector()
    let pool = ThreatIntelDetectorTests.flow(
      to: "93.184.216.34", port: 443, name: "xmr-eu1.Nanopool.org.")
    let port = ThreatIntelDetectorTests.flow(to: "93.184.216.34", port: 3333)
    let privatePort = AttributedFlow(
      flow: port.flow, source: port.source,
      destination: .external(address: "10.9.0.1", scope: .privateNetwork))
    let plain = ThreatIntelDetectorTests.flow(to: "93.184.216.34", port: 443, name: "example.com")
    #expect(detector.evidence(pool) == [.poolDomain])
    #expect(detector.evidence(port) == [.stratumPort])
    #expect(detector.evidence(privatePort).isEmpty)
    #expect(detector.evidence(plain).isEmpty)
    let login = Array(
      #"{"id":1,"jsonrpc":"2.0","method":"login","params":{"login":"4A","pass":"x","agent":"XMRig/6.21.0"}}"#
        .utf8)
    #expect(detector.evidence(plain, firstBytes: login) == [.stratumProtocol])
  }

  @Test("one alert per workload per window, severity by evidence, T1496")
  func aggregates() {
    var detector = CryptominerDetector()
    var alerts: [Alert] = []
    for k in 0..<4 {
      alerts += detector.observe(
        ThreatIntelDetectorTests.flow(
          to: "93.184.216.34", port: 3333, name: "pool.supportxmr.com", at: k))
    }
    alerts += detector.observe(
      ThreatIntelDetectorTests.flow(to: "93.184.216.40", port: 7777, at: 5))
    alerts += detector.finish()
    #expect(alerts.count == 2)
    #expect(alerts[0].count == 4 && alerts[0].severity == .critical)
    #expect(alerts[0].output.contains("pool.supportxmr.com"))
    #expect(alerts[1].severity == .warning)
    #expect(alerts.allSatisfy { $0.tags.contains("mitre:T1496") })
  }

  @Test(
    "stratum recognition",
    arguments: [
      (#"{"id": 1, "method": "mining.subscribe", "params": ["cgminer/4.10"]}"#, true),
      ("  {\"params\":[\"w\",\"x\"],\"id\":2,\"method\" : \"mining.authorize\"}\n", true),
      (#"{"id":1,"method":"login","params":{"login":"w","pass":"x"}}"#, false),
      (#"{"id":1,"method":"eth_getBalance"}"#, false),
      ("GET / HTTP/1.1\r\nHost: mining.subscribe\r\n", false),
      (#"{"id":1,"method":"mining.subscr"#, false),
    ])
  func stratum(_ text: String, _ expected: Bool) {
    #expect(Stratum.looksLikeStratum(firstBytes: Array(text.utf8)) == expected)
  }

  @Test("rules/miner-pools.txt is the built-in default list")
  func defaultListFile() throws {
    let url = SharedData.repositoryRoot.appendingPathComponent("rules/miner-pools.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text == MinerPools.defaultText)
    let parsed = TextFeedParser.parse(Array(text.utf8), feed: "x")
    #expect(parsed.skipped == 0)
    #expect(parsed.indicators.count >= 20)
    for name in ["eu1.nanopool.org", "xmrpool.eu", "gulf.moneroocean.stream", "pool.minergate.com"]
    {
      #expect(MinerPools.defaultIndicators.match(domain: name) != nil, "\(name)")
    }
  }
}
