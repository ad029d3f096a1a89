import Testing
import VigilCore

@testable import VigilDetect

@Suite struct MultivariateDetectorTests {
  static let start = Timestamp(nanoseconds: 1_793_577_600 * 1_000_000_000)
  static let workloads = (0..<30).map {
    EntityKey.workload(namespace: "shop", kind: "Deployment", name: "svc-\($0)")
  }

  /// A seeded cluster of 30 workloads with steady traffic: 20–40 connections per window, a
  /// failed one now and then, 3–6 peers, a couple of domains, some API calls.
  struct Traffic {
    var state: UInt64 = 7

    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }

    mutating func window(_ w: Int, entity: EntityKey, index: Int) -> BehaviorObservation {
      var observation = BehaviorObservation()
      let time = MultivariateDetectorTests.start.adding(.seconds(w * 300 + 10 + index))
      let connections = 20 + next(21)
      let failed = next(10) == 0 ? 1 : 0
      observation.series = [
        SeriesObservation(
          entity: entity, series: .connections, time: time, amount: Double(connections)),
        SeriesObservation(
          entity: entity, series: .failedConnections, time: time, amount: Double(failed)),
        SeriesObservation(entity: entity, series: .apiCalls, time: time, amount: Double(next(8))),
        SeriesObservation(
          entity: entity, series: .bytesOut, time: time, amount: Double(100_000 + next(900_000))),
      ]
      for p in 0..<(3 + next(4)) {
        observation.facts.append(
          BehaviorFact(
            entity: entity, category: .peer, value: "shop/db-\(index % 5 + p):5432/tcp", time: time)
        )
      }
      for d in 0..<(1 + next(2)) {
        observation.facts.append(
          BehaviorFact(entity: entity, category: .domain, value: "api\(d).example.com", time: time))
      }
      return observation
    }
  }

  static func configuration() -> MultivariateDetector.Configuration {
    var configuration = MultivariateDetector.Configuration()
    configuration.referenceWindows = 60
    return configuration
  }

  /// Runs `windows` windows of normal traffic; returns the alerts.
  static func run(
    _ detector: inout MultivariateDetector, _ traffic: inout Traffic, windows: Range<Int>
  )
    -> [Alert]
  {
    var alerts: [Alert] = []
    for w in windows {
      alerts += detector.advance(to: start.adding(.seconds(w * 300)))
      for (i, entity) in workloads.enumerated() {
        alerts += detector.observe(traffic.window(w, entity: entity, index: i))
      }
    }
    return alerts
  }

  @Test func normalTrafficDoesNotAlert() {
    var detector = MultivariateDetector(configuration: Self.configuration())
    var traffic = Traffic()
    let alerts = Self.run(&detector, &traffic, windows: 0..<48)
    #expect(alerts.isEmpty, "\(alerts.map(\.output))")
    #expect(detector.entityCount == 30)
  }

  @Test func scanWindowScoresAboveNormalAndNamesFailedConnections() throws {
    var detector = MultivariateDetector(configuration: Self.configuration())
    var traffic = Traffic()
    var alerts = Self.run(&detector, &traffic, windows: 0..<24)
    #expect(alerts.isEmpty)
    // Normal windows against the model, then a scan-like one.
    var normal: [Double] = []
    var probe = Traffic(state: 99)
    for k in 0..<20 {
      var raw = [Double](repeating: 0, count: ActivityFeatures.count)
      raw[ActivityFeatures.index(of: .connections)] = Double(20 + probe.next(21))
      raw[ActivityFeatures.index(of: .apiCalls)] = Double(probe.next(8))
      raw[ActivityFeatures.index(of: .bytesOut)] = Double(100_000 + probe.next(900_000))
      raw[ActivityFeatures.index(of: .peer)] = Double(3 + k % 4)
      raw[ActivityFeatures.index(of: .domain)] = Double(1 + k % 2)
      normal.append(try #require(detector.score(rawFeatures: raw, kind: .workload)).score)
    }
    var scan = [Double](repeating: 0, count: ActivityFeatures.count)
    scan[ActivityFeatures.index(of: .connections)] = 430
    scan[ActivityFeatures.index(of: .failedConnections)] = 412
    scan[ActivityFeatures.index(of: .peer)] = 97
    scan[ActivityFeatures.index(of: .domain)] = 1
    scan[ActivityFeatures.failureFraction] = 412.0 / 430
    let (scanScore, deviations) = try #require(detector.score(rawFeatures: scan, kind: .workload))
    #expect(scanScore > (normal.max() ?? 0) + 1)
    #expect(scanScore >= detector.configuration.minimumScore)
    #expect(deviations >= detector.configuration.threshold)

    // The same window as traffic: svc-7 scans 97 peers, 412 connections failing.
    let scanner = Self.workloads[7]
    let time = Self.start.adding(.seconds(24 * 300 + 30))
    var observation = BehaviorObservation()
    observation.series = [
      SeriesObservation(entity: scanner, series: .connections, time: time, amount: 430),
      SeriesObservation(entity: scanner, series: .failedConnections, time: time, amount: 412),
    ]
    observation.facts = (0..<97).map {
      BehaviorFact(
        entity: scanner, category: .peer, value: "10.244.\($0 / 250).\($0 % 250):22/tcp", time: time
      )
    }
    observation.facts.append(
      BehaviorFact(entity: scanner, category: .domain, value: "api0.example.com", time: time))
    alerts = detector.observe(observation)
    alerts += detector.advance(to: Self.start.adding(.seconds(25 * 300)))
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(alert.rule == MultivariateDetector.ruleName)
    #expect(alert.subject.name == "svc-7")
    let top = field(alert, "anomaly.top_features")?.split(separator: ",").map(String.init) ?? []
    #expect(top.contains("failedConnections"), "\(alert.output)")
    #expect(alert.output.contains("failedConnections 412 (typical 0–1)"), "\(alert.output)")
    #expect(
      alert.output.hasPrefix("Unusual activity for workload shop/Deployment/svc-7 in 5 min: "))
    #expect(alert.output.contains("learned 2 h over 24 windows"))
    #expect(alert.output.contains("failure fraction 96% (typical 0%–4%)"))
    #expect(alert.tags.contains("mitre:T1046"))
    #expect(alert.source == "vigil_anomaly")
  }

  @Test func entitiesInWarmUpDoNotAlert() {
    var detector = MultivariateDetector(configuration: Self.configuration())
    var traffic = Traffic()
    _ = Self.run(&detector, &traffic, windows: 0..<24)
    // A brand-new workload whose first window is a scan: no history, no alert.
    let newcomer = EntityKey.workload(namespace: "shop", kind: "Deployment", name: "new")
    let time = Self.start.adding(.seconds(24 * 300 + 30))
    var observation = BehaviorObservation()
    observation.series = [
      SeriesObservation(entity: newcomer, series: .failedConnections, time: time, amount: 412)
    ]
    var alerts = detector.observe(observation)
    alerts += detector.advance(to: Self.start.adding(.seconds(25 * 300)))
    #expect(alerts.isEmpty)
  }
}
