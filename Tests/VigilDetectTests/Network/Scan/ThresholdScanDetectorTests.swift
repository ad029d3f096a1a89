import Testing
import VigilCore
import VigilDetect
import VigilNet

@Suite("threshold scan detector")
struct ThresholdScanDetectorTests {
  let scanner = ScanFlows.pod("scanner")
  let target = ScanFlows.pod("web")

  /// `ports` failed ports on one host, one every `spacing` seconds.
  func portScan(_ detector: inout ThresholdScanDetector, ports: ClosedRange<Int>, spacing: Double)
    -> [Alert]
  {
    var alerts: [Alert] = []
    for port in ports {
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: UInt16(port), .refused,
          at: Double(port) * spacing))
    }
    return alerts
  }

  @Test("15 distinct failed ports on one host within 5 minutes: one port-scan alert")
  func slowPortScan() throws {
    var detector = ThresholdScanDetector()
    // One port every 19 s: 15 ports take 266 s, inside the window opened at 19 s; port 17
    // (323 s) opens the next window, where 4 more ports stay below the threshold.
    #expect(portScan(&detector, ports: 1...14, spacing: 19).isEmpty)
    let alerts = portScan(&detector, ports: 15...20, spacing: 19)
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(ScanFlows.field(alert, "scan.finding") == "port-scan")
    #expect(ScanFlows.field(alert, "scan.scanner") == "shop/deploy/scanner")
    #expect(alert.count == 15)
    #expect(alert.tags.contains("mitre:T1046"))
  }

  @Test("failures spread wider than the window do not add up")
  func tooSlow() {
    var detector = ThresholdScanDetector()
    #expect(portScan(&detector, ports: 1...40, spacing: 25).isEmpty)
  }

  @Test("25 distinct hosts failed on one port: a host sweep; the in-cluster threshold is separate")
  func hostSweep() throws {
    var configuration = ThresholdScanDetector.Configuration()
    configuration.inClusterHostThreshold = 10
    var detector = ThresholdScanDetector(configuration: configuration)
    var alerts: [Alert] = []
    for host in 0..<9 {
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: .external(address: nil, scope: .podCIDR),
          "10.244.2.\(host)", port: 6379, .unreplied, at: Double(host)))
    }
    #expect(alerts.isEmpty)
    alerts += detector.observe(
      ScanFlows.flow(
        from: scanner, "10.244.1.10", to: .external(address: nil, scope: .podCIDR),
        "10.244.2.99", port: 6379, .unreplied, at: 10))
    let alert = try #require(alerts.first)
    #expect(ScanFlows.field(alert, "scan.finding") == "host-sweep")
    #expect(ScanFlows.field(alert, "scan.target_count") == "10")

    // An outside source keeps the Zeek default (25).
    let outside = NetworkEndpoint.external(address: "203.0.113.9", scope: .publicInternet)
    var external: [Alert] = []
    for host in 0..<24 {
      external += detector.observe(
        ScanFlows.flow(
          from: outside, "203.0.113.9", to: target, "10.244.3.\(host)", port: 22, .refused,
          at: Double(host)))
    }
    #expect(external.isEmpty)
    external += detector.observe(
      ScanFlows.flow(
        from: outside, "203.0.113.9", to: target, "10.244.3.200", port: 22, .refused, at: 30))
    #expect(external.count == 1)
  }

  @Test("kubelet probes from the node and allow-listed workloads are not scanners")
  func healthCheckers() {
    var configuration = ThresholdScanDetector.Configuration()
    configuration.exemptions.workloads = ["mesh/envoy-checker"]
    var detector = ThresholdScanDetector(configuration: configuration)
    let node = NetworkEndpoint.node("node-1", address: "10.244.1.1")
    let checker = ScanFlows.pod("envoy-checker", namespace: "mesh")
    var alerts: [Alert] = []
    for port in 1...100 {
      alerts += detector.observe(
        ScanFlows.flow(
          from: node, "10.244.1.1", to: target, "10.244.1.11", port: UInt16(port), .refused,
          at: 1))
      alerts += detector.observe(
        ScanFlows.flow(
          from: checker, "10.244.1.40", to: target, "10.244.1.11", port: UInt16(port), .refused,
          at: 1))
    }
    #expect(alerts.isEmpty)
  }
}
