import Testing
import VigilCore
import VigilDetect
import VigilNet
import VigilPipeline

/// The serve options reach the detectors they name.
@Suite("NetworkDetection.standardDetectors")
struct NetworkDetectionStandardTests {
  @Test("scan, lateral-movement and zone options configure the detector set")
  func optionsReachDetectors() throws {
    var network = ServeConfiguration.Network()
    network.scanWindow = .seconds(90)
    network.scanPortThreshold = 30
    network.scanInClusterHostThreshold = 60
    network.scanExemptNamespaces = ["mesh"]
    network.scanExemptWorkloads = ["ops/pinger"]
    network.lateralNewPeers = 3
    network.lateralWindow = .seconds(120)
    network.lateralLearning = .seconds(60)
    network.zones = ["payments=prod", "sandbox-prod=none", "bad"]
    let zones = NetworkDetection.zoneClassifier(network, inventory: nil)
    #expect(zones.zone(ofNamespace: "payments")?.zone == .prod)
    #expect(zones.zone(ofNamespace: "sandbox-prod") == nil)
    #expect(zones.zone(ofNamespace: "web-prod")?.zone == .prod)
    let detectors = NetworkDetection.standardDetectors(network, zones: zones)
    #expect(detectors.count == 9)
    #expect(detectors.last is BaselineDetector)
    #expect(
      NetworkDetection.standardDetectors(network, zones: zones, baselines: nil).count == 8)
    let trw = try #require(detectors.compactMap { $0 as? TRWScanDetector }.first)
    #expect(trw.configuration.window == .seconds(90))
    #expect(trw.configuration.exemptions.namespaces == ["mesh"])
    let threshold = try #require(detectors.compactMap { $0 as? ThresholdScanDetector }.first)
    #expect(threshold.configuration.portThreshold == 30)
    #expect(threshold.configuration.inClusterHostThreshold == 60)
    #expect(threshold.configuration.exemptions.workloads == ["ops/pinger"])
    let lateral = try #require(detectors.compactMap { $0 as? LateralMovementDetector }.first)
    #expect(lateral.configuration.newPeerThreshold == 3)
    #expect(lateral.configuration.window == .seconds(120))
    #expect(lateral.configuration.learningPeriod == .seconds(60))
  }

  @Test("a lowered lateral-movement threshold alerts where the default would not")
  func loweredThresholdAlerts() {
    var network = ServeConfiguration.Network()
    network.lateralNewPeers = 3
    network.lateralLearning = .seconds(1)
    var resolver = StaticEndpointResolver()
    resolver.addClusterRange("10.244.0.0/16")
    resolver.hold(
      "10.244.1.10", as: .workload(namespace: "web", kind: "Deployment", name: "front", pod: "f-1"))
    for n in 0..<5 {
      resolver.hold(
        "10.244.2.\(n + 1)",
        as: .workload(namespace: "svc\(n)", kind: "Deployment", name: "api", pod: "api-\(n)"))
    }
    var attributor = FlowAttributor()
    func flow(to n: Int, at seconds: Double) -> AttributedFlow? {
      let record = FlowRecord(
        start: Timestamp(seconds: seconds), end: Timestamp(seconds: seconds + 0.1), proto: 6,
        sourceIP: "10.244.1.10", sourcePort: 40_000, destinationIP: "10.244.2.\(n + 1)",
        destinationPort: 8080, outcome: .established, source: "test")
      return attributor.attribute(record, resolver: resolver)
    }
    var lowered = NetworkDetection(
      detectors: NetworkDetection.standardDetectors(network, zones: ZoneClassifier()))
    var standard = NetworkDetection(
      detectors: NetworkDetection.standardDetectors(.init(), zones: ZoneClassifier()))
    var flows = [flow(to: 0, at: 1_000)].compactMap { $0 }
    flows += (1..<5).compactMap { flow(to: $0, at: 1_010 + Double($0)) }
    let rule = LateralMovementDetector.rule
    #expect(lowered.observe(flows).contains { $0.rule == rule })
    #expect(!standard.observe(flows).contains { $0.rule == rule })
  }

  @Test("a DNS lookup record reaches the name-matching detectors only, and is no map edge")
  func lookupsReachNameMatchers() {
    var resolver = StaticEndpointResolver()
    resolver.addClusterRange("10.244.0.0/16")
    resolver.hold(
      "10.244.1.10", as: .workload(namespace: "web", kind: "Deployment", name: "front", pod: "f-1"))
    var attributor = FlowAttributor()
    let lookup = FlowRecord(
      start: Timestamp(seconds: 1_000), proto: 17, sourceIP: "10.244.1.10", sourcePort: 40_000,
      destinationIP: "10.96.0.10", destinationPort: 53, outcome: .unknown,
      dnsName: "xmr.pool.minergate.com", source: FlowRecord.lookupSource)
    guard let flow = attributor.attribute(lookup, resolver: resolver) else {
      Issue.record("not attributed")
      return
    }
    var detection = NetworkDetection(
      detectors: NetworkDetection.standardDetectors(.init(), zones: ZoneClassifier()))
    var alerts = detection.observe([flow])
    alerts += detection.advance(to: Timestamp(seconds: 2_000))
    let miner = alerts.first { $0.rule == CryptominerDetector.rule }
    #expect(miner?.output.contains("looked up mining pool") == true, "\(alerts.map(\.output))")
    #expect(alerts.allSatisfy { $0.source != "vigil_anomaly" })
    var map = NetworkMap()
    map.add(flow)
    #expect(map.edgeCount == 0 && map.flowCount == 0)
  }
}
