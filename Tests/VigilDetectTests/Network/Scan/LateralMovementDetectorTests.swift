import Testing
import VigilCore
import VigilDetect
import VigilNet

@Suite("lateral movement detector")
struct LateralMovementDetectorTests {
  let client = ScanFlows.pod("frontend")

  func configuration() -> LateralMovementDetector.Configuration {
    var configuration = LateralMovementDetector.Configuration()
    configuration.learningPeriod = .seconds(600)
    configuration.sensitiveLearningPeriod = .seconds(600)
    return configuration
  }

  /// A connection from the frontend to `service` (a workload at 10.244.2.`index`) on `port`.
  func call(_ index: Int, port: UInt16 = 8080, at seconds: Double) -> AttributedFlow {
    ScanFlows.flow(
      from: client, "10.244.1.10", to: ScanFlows.pod("svc-\(index)"), "10.244.2.\(index)",
      port: port, .established, at: seconds)
  }

  @Test("8 never-used services within 10 minutes after learning: one alert listing them")
  func newPeers() throws {
    var detector = LateralMovementDetector(configuration: configuration())
    var alerts: [Alert] = []
    for second in stride(from: 0.0, to: 600, by: 10) {
      alerts += detector.observe(call(Int(second) % 3, at: second))
    }
    #expect(alerts.isEmpty)
    for index in 10..<17 { alerts += detector.observe(call(index, at: 700 + Double(index))) }
    #expect(alerts.isEmpty)
    alerts += detector.observe(call(17, at: 800))
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(alert.rule == LateralMovementDetector.rule)
    #expect(alert.count == 8)
    #expect(
      ScanFlows.field(alert, "lateral.new_peers")?.contains("shop/deploy/svc-17:8080") == true)
    #expect(alert.tags.contains("mitre:T1021"))
    #expect(alert.subject.name == "frontend")
    // The same peers again, and more within the window: no second alert.
    for index in 10..<30 { alerts += detector.observe(call(index, at: 850)) }
    #expect(alerts.count == 1)
  }

  @Test("new peers spread wider than the window, or known ones, raise nothing")
  func slowNewPeers() {
    var detector = LateralMovementDetector(configuration: configuration())
    var alerts: [Alert] = []
    for second in stride(from: 0.0, to: 600, by: 10) {
      alerts += detector.observe(call(Int(second) % 3, at: second))
    }
    for index in 10..<30 {
      alerts += detector.observe(call(index, at: 700 + Double(index) * 120))
      alerts += detector.observe(call(index % 3, at: 700 + Double(index) * 120))
    }
    #expect(alerts.isEmpty)
  }

  @Test("kubelet, etcd, metadata and the API server: alert once for a workload never seen there")
  func sensitiveTargets() throws {
    var detector = LateralMovementDetector(configuration: configuration())
    let node = NetworkEndpoint.node("node-1", address: "10.0.0.5")
    let api = NetworkEndpoint.apiServer(address: "10.96.0.1")
    let metadata = NetworkEndpoint.cloudMetadata(address: "169.254.169.254")
    let operatorPod = ScanFlows.pod("operator")
    // Learning: the operator talks to the API server; nothing is judged yet.
    var alerts = detector.observe(
      ScanFlows.flow(
        from: operatorPod, "10.244.1.20", to: api, "10.96.0.1", port: 443, .established, at: 0))
    alerts += detector.observe(call(1, at: 0))
    #expect(alerts.isEmpty)
    // After learning.
    alerts += detector.observe(
      ScanFlows.flow(
        from: operatorPod, "10.244.1.20", to: api, "10.96.0.1", port: 443, .established, at: 700))
    #expect(alerts.isEmpty)
    for (destination, ip, port) in [
      (node, "10.0.0.5", UInt16(10250)), (node, "10.0.0.5", 2379),
      (metadata, "169.254.169.254", 80),
      (api, "10.96.0.1", 443),
    ] {
      alerts += detector.observe(
        ScanFlows.flow(
          from: client, "10.244.1.10", to: destination, ip, port: port, .established, at: 700))
      alerts += detector.observe(
        ScanFlows.flow(
          from: client, "10.244.1.10", to: destination, ip, port: port, .established, at: 701))
    }
    #expect(alerts.count == 4)
    let targets = alerts.compactMap { ScanFlows.field($0, "lateral.target") }
    #expect(targets == ["kubelet", "etcd", "cloud-metadata", "api-server"])
    let metadataAlert = try #require(
      alerts.first { ScanFlows.field($0, "lateral.target") == "cloud-metadata" })
    #expect(metadataAlert.tags.contains("mitre:T1552.005"))
    #expect(alerts.allSatisfy { $0.rule == LateralMovementDetector.sensitiveRule })
  }

  @Test("a workload serving 10250 itself is not a kubelet; monitoring namespaces are exempt")
  func notKubelet() {
    var detector = LateralMovementDetector(configuration: configuration())
    let metricsServer = ScanFlows.pod("metrics-server", namespace: "kube-system")
    let prometheus = ScanFlows.pod("prometheus", namespace: "monitoring")
    var alerts = detector.observe(call(1, at: 0))
    alerts += detector.observe(
      ScanFlows.flow(
        from: client, "10.244.1.10", to: metricsServer, "10.244.5.5", port: 10250, .established,
        at: 700))
    _ = detector.observe(
      ScanFlows.flow(
        from: prometheus, "10.244.1.30", to: client, "10.244.1.10", port: 9090, .established,
        at: 0))
    for index in 0..<50 {
      alerts += detector.observe(
        ScanFlows.flow(
          from: prometheus, "10.244.1.30", to: ScanFlows.pod("svc-\(index)"), "10.244.2.\(index)",
          port: 9090, .established, at: 700))
    }
    #expect(alerts.isEmpty)
  }
}
