import Testing
import VigilCore
import VigilNet

@testable import VigilDetect

@Suite("ZoneCrossingDetector")
struct ZoneCrossingDetectorTests {
  typealias F = ZoneTestFlows
  let client = F.workload("dev-shop", "client")
  let postgres = F.workload("prod", "postgres", kind: "StatefulSet")

  @Test("dev → prod postgres: one alert per pair per window, with counts, zones and controls")
  func devToProdDatabase() throws {
    var detector = ZoneCrossingDetector(classifier: ZoneClassifier())
    var alerts: [Alert] = []
    for second in [0.0, 5, 10] {
      alerts += detector.observe(
        F.flow(from: client, to: postgres, port: 5432, marks: F.postgresMarks, at: second))
    }
    #expect(alerts.isEmpty, "held until the window closes")
    alerts += detector.advance(to: F.t0.adding(.seconds(61)))
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(alert.count == 3)
    #expect(alert.rule == ZoneCrossingDetector.rule)
    #expect(alert.severity == .error)
    #expect(alert.subject.namespace == "dev-shop" && alert.subject.name == "client")
    #expect(F.field(alert, "vigil.zone.source") == "dev")
    #expect(F.field(alert, "vigil.zone.destination") == "prod")
    #expect(F.field(alert, "vigil.sensitivity.product") == "postgres")
    #expect(F.field(alert, "vigil.flows.established") == "3")
    #expect(alert.output.contains("dev-shop/deploy/client"))
    #expect(alert.output.contains("prod/sts/postgres"))
    #expect(alert.lastSeen > alert.time)
    #expect(
      F.frameworks(alert) == [.mitre, .soc2, .nist, .cis, .pci, .iso27001])
    #expect(alert.tags.contains("mitre:T1021") && alert.tags.contains("pci:1.3.1"))
    #expect(detector.crossings == 3 && detector.flowsSeen == 3)
    #expect(detector.advance(to: F.t0.adding(.seconds(3600))).isEmpty)
  }

  @Test("prod → prod, unzoned sources and non-sensitive prod services raise nothing")
  func allowedFlows() {
    var detector = ZoneCrossingDetector(classifier: ZoneClassifier())
    let web = F.workload("prod", "web")
    let monitor = F.workload("kube-system", "agent")
    var alerts: [Alert] = []
    alerts += detector.observe(F.flow(from: web, to: postgres, port: 5432, marks: F.postgresMarks))
    alerts += detector.observe(
      F.flow(from: monitor, to: postgres, port: 5432, marks: F.postgresMarks))
    alerts += detector.observe(F.flow(from: client, to: web, port: 8080))
    alerts += detector.observe(
      F.flow(from: client, to: F.workload("dev-shop", "db"), port: 5432, marks: F.postgresMarks))
    alerts += detector.finish()
    #expect(alerts.isEmpty)
    #expect(detector.crossings == 0)
  }

  @Test("unzoned sources count when the crossing says so")
  func unzonedSources() throws {
    var configuration = ZoneCrossingDetector.Configuration()
    configuration.forbidden = [.init(to: .prod, includesUnzonedSources: true)]
    var detector = ZoneCrossingDetector(
      classifier: ZoneClassifier(), configuration: configuration)
    let monitor = F.workload("kube-system", "agent")
    _ = detector.observe(F.flow(from: monitor, to: postgres, port: 5432, marks: F.postgresMarks))
    let alerts = detector.finish()
    #expect(alerts.count == 1)
    let alert = try #require(alerts.first)
    #expect(F.field(alert, "vigil.zone.source") == nil)
    #expect(alert.output.contains("no zone"))
  }

  @Test("unmarked services are recognized by port and by name; the heuristic can be turned off")
  func heuristic() {
    let redis = F.workload("prod", "cache")
    let orders = F.workload("payments-prod", "orders-postgres")
    var detector = ZoneCrossingDetector(classifier: ZoneClassifier())
    _ = detector.observe(F.flow(from: client, to: redis, port: 6379))
    _ = detector.observe(F.flow(from: client, to: orders, port: 7000))
    _ = detector.observe(F.flow(from: client, to: F.workload("prod", "minio"), port: 9000))
    let alerts = detector.finish()
    #expect(
      alerts.map { F.field($0, "vigil.sensitivity.product") } == ["redis", "postgres", "minio"])
    #expect(F.field(alerts[1], "vigil.sensitivity.reason") == "postgres (name orders-postgres)")

    var configuration = ZoneCrossingDetector.Configuration()
    configuration.heuristic = nil
    var marksOnly = ZoneCrossingDetector(
      classifier: ZoneClassifier(), configuration: configuration)
    _ = marksOnly.observe(F.flow(from: client, to: redis, port: 6379))
    _ = marksOnly.observe(F.flow(from: client, to: orders, port: 7000))
    #expect(marksOnly.finish().isEmpty)
  }

  @Test("configured crossings: only the named source zones, to another protected zone")
  func configuredCrossings() {
    var configuration = ZoneCrossingDetector.Configuration()
    configuration.forbidden = [.init(from: [.dev], to: .staging)]
    var detector = ZoneCrossingDetector(
      classifier: ZoneClassifier(), configuration: configuration)
    let stagingDB = F.workload("staging", "mysql")
    _ = detector.observe(F.flow(from: client, to: stagingDB, port: 3306))
    _ = detector.observe(F.flow(from: F.workload("prod", "web"), to: stagingDB, port: 3306))
    _ = detector.observe(F.flow(from: client, to: postgres, port: 5432, marks: F.postgresMarks))
    let alerts = detector.finish()
    #expect(alerts.count == 1)
    #expect(F.field(alerts[0], "vigil.zone.destination") == "staging")
    #expect(alerts[0].subject.namespace == "dev-shop")
  }

  @Test("windows close on later flows; failed attempts only are a warning")
  func windowsAndSeverity() {
    var configuration = ZoneCrossingDetector.Configuration()
    configuration.window = .seconds(60)
    var detector = ZoneCrossingDetector(
      classifier: ZoneClassifier(), configuration: configuration)
    var alerts: [Alert] = []
    alerts += detector.observe(
      F.flow(from: client, to: postgres, port: 5432, marks: F.postgresMarks, outcome: .refused))
    alerts += detector.observe(
      F.flow(
        from: client, to: postgres, port: 5432, marks: F.postgresMarks, outcome: .refused, at: 30))
    #expect(alerts.isEmpty)
    alerts += detector.observe(
      F.flow(from: client, to: postgres, port: 5432, marks: F.postgresMarks, at: 70))
    #expect(alerts.count == 1)
    #expect(alerts.first?.count == 2)
    #expect(alerts.first?.severity == .warning)
    alerts += detector.finish()
    #expect(alerts.map(\.count) == [2, 1])
    #expect(alerts.last?.severity == .error)
    #expect(alerts[0].dedupKey == alerts[1].dedupKey)
  }
}
