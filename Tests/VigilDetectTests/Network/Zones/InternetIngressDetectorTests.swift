import Testing
import VigilCore
import VigilNet

@testable import VigilDetect

@Suite("InternetIngressDetector")
struct InternetIngressDetectorTests {
  typealias F = ZoneTestFlows
  let attacker = NetworkEndpoint.external(address: "198.51.100.7", scope: .publicInternet)
  let other = NetworkEndpoint.external(address: "203.0.113.9", scope: .publicInternet)
  let api = F.workload("shop", "api")
  let frontend = F.workload("shop", "frontend")

  @Test("to a workload with no exposure: one alert per (destination, port) with the sources")
  func unexposed() throws {
    var detector = InternetIngressDetector()
    _ = detector.observe(
      F.flow(from: attacker, sourceIP: "198.51.100.7", to: api, port: 8080))
    _ = detector.observe(
      F.flow(from: other, sourceIP: "203.0.113.9", to: api, port: 8080, at: 10))
    _ = detector.observe(
      F.flow(from: other, sourceIP: "203.0.113.9", to: api, port: 22, outcome: .refused, at: 12))
    let alerts = detector.finish()
    #expect(alerts.count == 2)
    let alert = try #require(alerts.first)
    #expect(alert.count == 2)
    #expect(alert.severity == .error)
    #expect(F.field(alert, "vigil.ingress.sources") == "198.51.100.7,203.0.113.9")
    #expect(alert.output.contains("shop/deploy/api"))
    #expect(alert.subject.namespace == "shop" && alert.subject.name == "api")
    #expect(alert.subject.resource == "deployment" && alert.subject.sourceIP == "198.51.100.7")
    #expect(alert.output.contains("198.51.100.7, 203.0.113.9"))
    #expect(alerts[1].severity == .warning, "refused only")
    #expect(F.frameworks(alert) == [.mitre, .soc2, .nist, .cis, .pci, .iso27001])
    #expect(alert.tags.contains("mitre:T1190"))
    #expect(detector.unexposedFlows == 3 && detector.recordedFlows == 0)
  }

  @Test("to a declared entry point: recorded, not alerted")
  func exposed() throws {
    var configuration = InternetIngressDetector.Configuration()
    configuration.declaredExposures = [api.mapNode.id]
    var detector = InternetIngressDetector(configuration: configuration)
    let entry = EndpointMarks(isPublicEntry: true)
    var alerts: [Alert] = []
    alerts += detector.observe(
      F.flow(from: attacker, sourceIP: "198.51.100.7", to: frontend, port: 443, marks: entry))
    alerts += detector.observe(
      F.flow(from: other, sourceIP: "203.0.113.9", to: frontend, port: 443, marks: entry, at: 5))
    alerts += detector.observe(
      F.flow(from: other, sourceIP: "203.0.113.9", to: api, port: 8080, at: 6))
    alerts += detector.finish()
    #expect(alerts.isEmpty)
    #expect(detector.recordedFlows == 3)
    let records = detector.records
    #expect(records.count == 2)
    let record = try #require(records.first)
    #expect(record.destination == frontend.mapNode)
    #expect(record.port == 443 && record.connections == 2 && record.established == 2)
    #expect(record.sources == ["198.51.100.7", "203.0.113.9"])
    #expect(record.bytesIn == 200 && record.bytesOut == 400)
    #expect(record.lastSeen > record.firstSeen)
  }

  @Test("sensitive unexposed destinations are critical; in-cluster and private sources pass")
  func sensitiveAndQuiet() throws {
    var detector = InternetIngressDetector()
    let postgres = F.workload("prod", "postgres", kind: "StatefulSet")
    let corporate = NetworkEndpoint.external(address: "10.20.0.4", scope: .privateNetwork)
    var alerts: [Alert] = []
    alerts += detector.observe(F.flow(from: frontend, to: api, port: 8080))
    alerts += detector.observe(F.flow(from: corporate, to: api, port: 8080))
    alerts += detector.observe(
      F.flow(from: attacker, to: .node("worker-1", address: "10.0.0.5"), port: 30080))
    #expect(detector.finish().isEmpty)
    alerts += detector.observe(
      F.flow(from: attacker, to: postgres, port: 5432, marks: F.postgresMarks))
    alerts += detector.finish()
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(alert.severity == .critical)
    #expect(F.field(alert, "vigil.sensitivity.product") == "postgres")
  }
}
