import Testing
import VigilCore
import VigilNet

@testable import VigilDetect

@Suite("ThreatIntelDetector")
struct ThreatIntelDetectorTests {
  static let web = NetworkEndpoint.workload(namespace: "shop", kind: "Deployment", name: "web")
  static let t0 = Timestamp(nanoseconds: 1_800_000_000_000_000_000)

  static func flow(
    from source: String = "10.244.1.10", to destination: String, port: UInt16 = 443,
    name: String? = nil, at seconds: Int = 0, inbound: Bool = false
  ) -> AttributedFlow {
    let record = FlowRecord(
      start: t0.adding(.seconds(seconds)), proto: 6, sourceIP: source, sourcePort: 40000,
      destinationIP: destination, destinationPort: port, outcome: .established, dnsName: name,
      source: "test")
    let external = NetworkEndpoint.external(
      address: inbound ? source : destination, scope: .publicInternet, dnsName: name)
    return inbound
      ? AttributedFlow(flow: record, source: external, destination: web)
      : AttributedFlow(flow: record, source: web, destination: external)
  }

  static let indicators = IndicatorSet(
    STIXFeedParser.parse(Array(FeedParserTests.bundle.utf8), feed: "acme").indicators)

  @Test("a listed name, a listed range and a listed source each alert once per window, with counts")
  func matchesAndAggregates() {
    var detector = ThreatIntelDetector(indicators: Self.indicators)
    var alerts: [Alert] = []
    for k in 0..<5 {
      alerts += detector.observe(Self.flow(to: "93.184.216.34", name: "www.c2.evil.example", at: k))
    }
    alerts += detector.observe(Self.flow(to: "203.0.113.50", at: 6))
    alerts += detector.observe(
      Self.flow(from: "198.51.100.7", to: "10.244.1.10", at: 7, inbound: true))
    alerts += detector.observe(Self.flow(to: "93.184.216.35", name: "fine.example", at: 8))
    #expect(alerts.isEmpty, "aggregates wait for their window")
    alerts += detector.advance(to: Self.t0.adding(.seconds(300)))
    #expect(alerts.count == 1, "the first window closed")
    alerts += detector.advance(to: Self.t0.adding(.seconds(400)))
    #expect(alerts.count == 3)
    let domain = alerts.first {
      $0.fields.contains { $0.name == "intel.indicator" && $0.value == "c2.evil.example" }
    }
    #expect(domain?.count == 5)
    #expect(domain?.severity == .critical)
    #expect(domain?.output.contains("acme") == true)
    #expect(domain?.tags.contains("mitre:T1568") == true)
    #expect(domain?.fields.contains { $0.name == "intel.feed" && $0.value == "acme" } == true)
    #expect(
      domain?.fields.contains { $0.name == "intel.description" && $0.value == "C2 domain" } == true)
    #expect(domain?.subject.name == "web")
    let range = alerts.first { $0.output.contains("203.0.113.0/24") }
    #expect(range?.tags.contains("mitre:T1071") == true)
    let inbound = alerts.first {
      $0.fields.contains { $0.name == "intel.direction" && $0.value == "inbound" }
    }
    #expect(inbound?.severity == .warning)
    #expect(inbound?.output.contains("Poison Ivy C2") == true)
    #expect(detector.flowsObserved == 8 && detector.flowsMatched == 7)
    for alert in alerts {
      let frameworks = Set(ComplianceControl.controls(forTags: alert.tags).map(\.framework))
      #expect(frameworks == Set(ComplianceControl.Framework.allCases))
    }
  }

  @Test("a new window is a new alert; reloading swaps the indicators")
  func windowsAndReload() {
    var detector = ThreatIntelDetector(indicators: Self.indicators)
    _ = detector.observe(Self.flow(to: "198.51.100.7", at: 0))
    let first = detector.observe(Self.flow(to: "198.51.100.7", at: 400))
    #expect(first.count == 1 && first.first?.count == 1)
    detector.replaceIndicators(IndicatorSet())
    _ = detector.observe(Self.flow(to: "198.51.100.7", at: 401))
    #expect(detector.finish().count == 1)
  }
}
