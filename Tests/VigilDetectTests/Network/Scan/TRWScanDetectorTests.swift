import Testing
import VigilCore
import VigilDetect
import VigilNet

@Suite("TRW scan detector")
struct TRWScanDetectorTests {
  let scanner = ScanFlows.pod("scanner")
  let target = ScanFlows.pod("web")

  @Test("the default parameters give the paper's thresholds and steps")
  func parameters() {
    let p = TRWParameters()
    #expect(abs(p.upperThreshold - 99) < 1e-9)
    #expect(abs(p.lowerThreshold - 0.01 / 0.99) < 1e-12)
    #expect(abs(p.failureFactor - 4) < 1e-9)
    #expect(abs(p.successFactor - 0.25) < 1e-12)
    #expect(abs(p.expectedAttemptsToDetect - 5.4) < 0.05)
  }

  @Test("closed form: 4 consecutive failed first contacts flag, 3 do not")
  func fourFailuresFlag() throws {
    var detector = TRWScanDetector()
    var alerts: [Alert] = []
    for (i, port) in [22, 23, 25].enumerated() {
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: UInt16(port), .refused,
          at: Double(i)))
    }
    #expect(alerts.isEmpty)
    #expect(abs(detector.likelihoodRatio(of: "10.244.1.10") - 64) < 1e-6)
    alerts += detector.observe(
      ScanFlows.flow(
        from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: 80, .reset, at: 3))
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(alert.rule == TRWScanDetector.rule)
    #expect(alert.count == 4)
    #expect(ScanFlows.field(alert, "scan.scanner") == "shop/deploy/scanner")
    #expect(ScanFlows.field(alert, "scan.ports") == "22, 23, 25, 80")
    #expect(ScanFlows.field(alert, "scan.likelihood_ratio") == "256")
    #expect(alert.subject.name == "scanner")
    #expect(alert.tags.contains("mitre:T1046"))
    let frameworks = Set(alert.controls.map(\.framework))
    #expect(frameworks == Set(ComplianceControl.Framework.allCases))
  }

  @Test("closed form: 4 successful first contacts clear the walk, 3 do not")
  func fourSuccessesClear() {
    var detector = TRWScanDetector()
    for port in [80, 81, 82] {
      _ = detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: UInt16(port),
          .established, at: 0))
    }
    #expect(abs(detector.likelihoodRatio(of: "10.244.1.10") - 0.015625) < 1e-9)
    #expect(detector.cleared == 0)
    _ = detector.observe(
      ScanFlows.flow(
        from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: 83, .established, at: 1))
    #expect(detector.cleared == 1)
    #expect(detector.likelihoodRatio(of: "10.244.1.10") == 1)
    // After the reset, 4 failures are needed again.
    var alerts: [Alert] = []
    for port in 1...3 {
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: UInt16(port), .refused,
          at: 2))
    }
    #expect(alerts.isEmpty)
  }

  @Test("only first contacts count: repeating a failed destination moves nothing")
  func repeatsDoNotCount() {
    var detector = TRWScanDetector()
    var alerts: [Alert] = []
    for i in 0..<50 {
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: 5432, .refused,
          at: Double(i)))
    }
    #expect(alerts.isEmpty)
    #expect(detector.firstContacts == 1)
    #expect(abs(detector.likelihoodRatio(of: "10.244.1.10") - 4) < 1e-9)
  }

  @Test("per-host unit: a vertical scan of one host is one contact; a sweep flags")
  func hostUnit() {
    var configuration = TRWScanDetector.Configuration()
    configuration.contactUnit = .host
    var detector = TRWScanDetector(configuration: configuration)
    var alerts: [Alert] = []
    for port in 1...100 {
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: UInt16(port), .refused,
          at: 0))
    }
    #expect(alerts.isEmpty)
    for host in 20..<24 {
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: .external(address: nil, scope: .podCIDR),
          "10.244.1.\(host)", port: 22, .unreplied, at: 1))
    }
    #expect(alerts.count == 1)
    #expect(alerts.first.map { ScanFlows.field($0, "scan.target_count") } == "4")
  }

  @Test("one alert per source per window; the next window's alert counts what came between")
  func oneAlertPerWindow() throws {
    var detector = TRWScanDetector()
    var alerts: [Alert] = []
    for port in 1...200 {
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: UInt16(port), .refused,
          at: Double(port)))
    }
    // Ports 1…4 flag at t = 4; t = 304 opens the next window (flag at the walk's 4th step).
    #expect(alerts.count == 1)
    for port in 201...204 {
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: UInt16(port), .refused,
          at: 400))
    }
    #expect(alerts.count == 2)
    let second = try #require(alerts.last)
    #expect(second.count == 200)
    #expect(ScanFlows.field(second, "scan.port_count") == "200")
  }

  @Test(
    "nodes and allow-listed namespaces are not scanners; UDP and unknown outcomes are not walked")
  func exemptions() {
    var detector = TRWScanDetector()
    let node = NetworkEndpoint.node("node-1", address: "10.244.1.1")
    let prometheus = ScanFlows.pod("prometheus", namespace: "monitoring")
    var alerts: [Alert] = []
    for port in 1...20 {
      alerts += detector.observe(
        ScanFlows.flow(
          from: node, "10.244.1.1", to: target, "10.244.1.11", port: UInt16(port), .refused, at: 0))
      alerts += detector.observe(
        ScanFlows.flow(
          from: prometheus, "10.244.1.30", to: target, "10.244.1.11", port: UInt16(port),
          .refused, at: 0))
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: UInt16(port),
          .unreplied, at: 0, proto: 17))
      alerts += detector.observe(
        ScanFlows.flow(
          from: scanner, "10.244.1.10", to: target, "10.244.1.11", port: UInt16(port), .unknown,
          at: 0))
    }
    #expect(alerts.isEmpty)
  }

  @Test("memory is bounded: sources beyond the capacity are evicted")
  func boundedSources() {
    var configuration = TRWScanDetector.Configuration()
    configuration.maxSources = 64
    var detector = TRWScanDetector(configuration: configuration)
    for i in 0..<1_000 {
      _ = detector.observe(
        ScanFlows.flow(
          from: scanner, "10.245.\(i / 250).\(i % 250)", to: target, "10.244.1.11", port: 80,
          .established, at: Double(i)))
    }
    #expect(detector.trackedSources <= 64)
    #expect(detector.evictedSources > 0)
  }
}
