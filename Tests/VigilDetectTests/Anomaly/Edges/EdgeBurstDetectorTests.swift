import Testing
import VigilCore

@testable import VigilDetect

@Suite struct EdgeBurstDetectorTests {
  /// No learning period: these tests look at the scoring, not at the warm-up.
  static var learned: EdgeBurstDetector.Configuration {
    var configuration = EdgeBurstDetector.Configuration()
    configuration.learning = .zero
    configuration.peakFactor = 0
    return configuration
  }

  @Test func burstsNoLargerThanTheEntitysEarlierOnesDoNotAlert() {
    var configuration = EdgeBurstDetector.Configuration()
    configuration.learning = .seconds(2 * 3600)
    var detector = EdgeBurstDetector(configuration: configuration)
    // An hourly job: 60 edges in its minute every hour, learned in the first two hours; the same
    // size later is its normal, a burst three times its size is not.
    var bursts: [Int: Int] = [:]
    for hour in 0..<6 { bursts[hour * 60 + 5] = 60 }
    bursts[6 * 60 + 5] = 180
    let alerts = Self.run(&detector, minutes: 0..<(6 * 60 + 10), bursts: bursts)
    #expect(alerts.count == 1, "\(alerts.map(\.output))")
    #expect(alerts.first.map { field($0, "anomaly.count") } == "180")
  }

  static let start = Timestamp(nanoseconds: 1_793_577_600 * 1_000_000_000)
  static let api = EntityKey.workload(namespace: "shop", kind: "Deployment", name: "api")

  static func workload(_ i: Int) -> EntityKey {
    .workload(namespace: "shop", kind: "Deployment", name: "svc-\(i)")
  }

  /// One edge per minute for each of `pairs` source → destination pairs, over `minutes`; the
  /// minutes in `bursts` carry that many edges for pair 0 instead.
  static func run(
    _ detector: inout EdgeBurstDetector, minutes: Range<Int>, pairs: Int = 10,
    bursts: [Int: Int] = [:]
  ) -> [Alert] {
    var alerts: [Alert] = []
    for minute in minutes {
      alerts += detector.advance(to: start.adding(.seconds(minute * 60)))
      for pair in 0..<pairs {
        let entity = workload(pair)
        let n = pair == 0 ? bursts[minute] ?? 1 : 1
        for k in 0..<n {
          let time = start.adding(.milliseconds(minute * 60_000 + 1_000 + pair * 100 + k))
          alerts += detector.observe(
            EntityEdge(
              source: "shop/Deployment/svc-\(pair)", destination: "shop/Deployment/db:5432/tcp",
              time: time, entity: entity))
        }
      }
    }
    return alerts + detector.advance(to: start.adding(.seconds(minutes.upperBound * 60)))
  }

  @Test func steadyTrafficDoesNotAlert() {
    var detector = EdgeBurstDetector(configuration: Self.learned)
    let alerts = Self.run(&detector, minutes: 0..<(24 * 60))
    #expect(alerts.isEmpty, "\(alerts.map(\.output))")
    #expect(detector.edges == 24 * 60 * 10)
  }

  @Test func twoHundredEdgesInAMinuteAlert() throws {
    var detector = EdgeBurstDetector(configuration: Self.learned)
    let burst = 6 * 60 + 30
    let alerts = Self.run(&detector, minutes: 0..<(burst + 2), bursts: [burst: 200])
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(alert.rule == EdgeBurstDetector.ruleName)
    #expect(alert.subject.name == "svc-0")
    #expect(field(alert, "anomaly.count") == "200")
    #expect(field(alert, "anomaly.average") == "1")
    #expect(
      alert.output.hasPrefix(
        "Burst of interactions for workload shop/Deployment/svc-0: 200 interactions "
          + "shop/Deployment/svc-0 → shop/Deployment/db:5432/tcp in 1 min; running average 1 per "
          + "min over 6 h (MIDAS-R score "), "\(alert.output)")
    #expect(alert.tags.contains("mitre:T1046"))
    #expect(alert.time >= Self.start.adding(.seconds(burst * 60)))
    let score = try #require(Double((field(alert, "anomaly.score") ?? "").filter { $0 != "," }))
    #expect(score >= 50)
  }

  @Test func aSingleNewEdgeNeverAlerts() {
    var detector = EdgeBurstDetector(configuration: Self.learned)
    var alerts = Self.run(&detector, minutes: 0..<600)
    // A pair never seen before, once: its χ² score is high (it is new), its count is 1.
    let time = Self.start.adding(.seconds(600 * 60 + 5))
    alerts += detector.observe(
      EntityEdge(
        source: "shop/Deployment/svc-3", destination: "kube-system/Deployment/coredns:53/udp",
        time: time, entity: Self.workload(3)))
    alerts += detector.advance(to: time.adding(.seconds(120)))
    #expect(alerts.isEmpty)
  }

  @Test func burstsAggregatePerSourceEntityPerHour() throws {
    var detector = EdgeBurstDetector(configuration: Self.learned)
    var bursts: [Int: Int] = [:]
    for minute in 300..<305 { bursts[minute] = 150 + minute - 300 }
    let alerts = Self.run(&detector, minutes: 0..<380, bursts: bursts)
    #expect(alerts.count == 2)
    let first = try #require(alerts.first)
    let summary = try #require(alerts.last)
    #expect(first.count == 1)
    // The four later bursting minutes, folded into one alert when the hour closed.
    #expect(summary.count == 4)
    #expect(summary.dedupKey == first.dedupKey)
    #expect(first.output.contains("150 interactions"))
  }

  @Test func stableHashIsFNV1a() {
    // Reference values of FNV-1a 64.
    #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
    #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(StableHash.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
  }
}
