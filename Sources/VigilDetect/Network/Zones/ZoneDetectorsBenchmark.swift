import VigilCore
import VigilNet

/// Measures the zone-crossing, plaintext-HTTP and internet-ingress detectors on synthetic
/// attributed flows (a cluster of prod, staging and dev namespaces with prod databases, egress on
/// 80 and 443, ingress to exposed and unexposed workloads), each detector alone and the three in
/// a row, against a ceiling: a loop reading the same fields of the same flows.
public enum ZoneDetectorsBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Flows per round.
    public var flows: Int
    /// Flows per second through the zone-crossing detector (best of the rounds, one core).
    public var zoneCrossingPerSecond: Double
    /// Flows per second through the plaintext-HTTP detector.
    public var plaintextHTTPPerSecond: Double
    /// Flows per second through the internet-ingress detector.
    public var internetIngressPerSecond: Double
    /// Flows per second through the three in a row.
    public var combinedPerSecond: Double
    /// Flows per second of the ceiling loop over the same flows.
    public var ceilingPerSecond: Double
    /// Alerts raised by the three in the last round (a check that they did work).
    public var alerts: Int
    /// Flows recorded as ingress to exposed workloads in the last round.
    public var recorded: Int

    /// The combined rate over the ceiling.
    public var ratio: Double { ceilingPerSecond > 0 ? combinedPerSecond / ceilingPerSecond : 0 }

    /// `1000000 flows: zone 9.1 M/s, http 20.3 M/s, ingress 15.0 M/s, all 4.2 M/s; ceiling …`.
    public var description: String {
      func m(_ rate: Double) -> String { "\((rate / 1e5).rounded() / 10) M/s" }
      return
        "\(flows) flows: zone \(m(zoneCrossingPerSecond)), http \(m(plaintextHTTPPerSecond)), "
        + "ingress \(m(internetIngressPerSecond)), all three \(m(combinedPerSecond)); "
        + "ceiling \(m(ceilingPerSecond)), ratio \((ratio * 1000).rounded() / 1000); "
        + "\(alerts) alerts, \(recorded) recorded"
    }
  }

  /// Runs `rounds` rounds over `flows` synthetic flows.
  public static func run(flows count: Int, rounds: Int = 5) -> Result {
    let flows = syntheticFlows(count)
    let classifier = ZoneClassifier()
    let clock = ContinuousClock()
    var best = [Duration](repeating: .seconds(1_000_000), count: 5)
    var alerts = 0
    var recorded = 0
    var sink = 0
    for _ in 0..<max(1, rounds) {
      var zone = ZoneCrossingDetector(classifier: classifier)
      var http = PlaintextHTTPDetector()
      var ingress = InternetIngressDetector()
      var elapsed = clock.measure {
        for flow in flows { sink &+= zone.observe(flow).count }
        sink &+= zone.finish().count
      }
      best[0] = min(best[0], elapsed)
      elapsed = clock.measure {
        for flow in flows { sink &+= http.observe(flow).count }
        sink &+= http.finish().count
      }
      best[1] = min(best[1], elapsed)
      elapsed = clock.measure {
        for flow in flows { sink &+= ingress.observe(flow).count }
        sink &+= ingress.finish().count
      }
      best[2] = min(best[2], elapsed)
      zone = ZoneCrossingDetector(classifier: classifier)
      http = PlaintextHTTPDetector()
      ingress = InternetIngressDetector()
      var raised = 0
      elapsed = clock.measure {
        for flow in flows {
          raised &+= zone.observe(flow).count
          raised &+= http.observe(flow).count
          raised &+= ingress.observe(flow).count
        }
        raised &+= zone.finish().count + http.finish().count + ingress.finish().count
      }
      best[3] = min(best[3], elapsed)
      alerts = raised
      recorded = ingress.recordedFlows
      elapsed = clock.measure { sink &+= ceiling(flows) }
      best[4] = min(best[4], elapsed)
    }
    if sink == Int.min { print(sink) }  // keeps the loops from being optimized away
    func rate(_ duration: Duration) -> Double {
      let seconds =
        Double(duration.components.seconds)
        + Double(duration.components.attoseconds) / 1e18
      return seconds > 0 ? Double(flows.count) / seconds : 0
    }
    return Result(
      flows: flows.count, zoneCrossingPerSecond: rate(best[0]),
      plaintextHTTPPerSecond: rate(best[1]), internetIngressPerSecond: rate(best[2]),
      combinedPerSecond: rate(best[3]), ceilingPerSecond: rate(best[4]), alerts: alerts,
      recorded: recorded)
  }

  /// Reads what the detectors read of each flow (both kinds, scope, namespace lengths, port,
  /// marks, times), with no decisions.
  @inline(never)
  static func ceiling(_ flows: [AttributedFlow]) -> Int {
    var sum = 0
    for flow in flows {
      sum &+= Int(flow.flow.destinationPort) &+ Int(flow.flow.proto)
      sum &+= flow.source.kind == .workload ? 1 : 2
      sum &+= flow.destination.kind == .external ? 3 : 4
      sum &+= flow.destination.scope == .publicInternet ? 5 : 6
      sum &+= flow.destinationMarks.isPublicEntry ? 7 : 8
      sum &+= flow.destinationMarks.sensitivity == nil ? 9 : 10
      sum &+= Int(truncatingIfNeeded: flow.flow.end.nanoseconds)
    }
    return sum
  }
}
