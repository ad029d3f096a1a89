import VigilCore
import VigilNet

/// Measures the scan detectors together (TRW, threshold, lateral movement) on one core over
/// synthetic attributed flows: pods of 200 workloads talking to their few usual peers, a few
/// scanning pods refused on every port. The ceiling is a loop reading the same flows (the fields
/// the detectors key on) in the same run.
public enum ScanDetectorBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Flows per round.
    public var flows: Int
    /// Flows per second through all three detectors (the fastest round).
    public var flowsPerSecond: Double
    /// Flows per second of the reading loop (the fastest round).
    public var ceilingFlowsPerSecond: Double
    /// Alerts raised in the last round (a check that the detectors did work).
    public var alerts: Int
    /// A sum over the reading loop's fields, so the ceiling loop is not optimized away.
    public var checksum: Int

    /// The rate as a fraction of the ceiling.
    public var ratio: Double {
      ceilingFlowsPerSecond > 0 ? flowsPerSecond / ceilingFlowsPerSecond : 0
    }

    /// `1000000 flows: 2.1 M flows/s (ceiling 95 M flows/s, 2.2 %), 12 alerts`.
    public var description: String {
      let rate = (flowsPerSecond / 1e5).rounded() / 10
      let ceiling = (ceilingFlowsPerSecond / 1e5).rounded() / 10
      let percent = (ratio * 1000).rounded() / 10
      return "\(flows) flows: \(rate) M flows/s (ceiling \(ceiling) M flows/s, \(percent) %), "
        + "\(alerts) alerts"
    }
  }

  /// Times `flows` synthetic flows through fresh detectors, `rounds` times.
  public static func run(flows: Int, rounds: Int = 5) -> Result {
    let input = syntheticFlows(count: flows)
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000_000)
    var bestCeiling = Duration.seconds(1_000_000)
    var alerts = 0
    var sink = 0
    for _ in 0..<max(1, rounds) {
      var trw = TRWScanDetector()
      var threshold = ThresholdScanDetector()
      var lateralConfiguration = LateralMovementDetector.Configuration()
      lateralConfiguration.learningPeriod = .seconds(60)
      var lateral = LateralMovementDetector(configuration: lateralConfiguration)
      var raised = 0
      let start = clock.now
      for flow in input {
        raised &+= trw.observe(flow).count
        raised &+= threshold.observe(flow).count
        raised &+= lateral.observe(flow).count
      }
      best = min(best, clock.now - start)
      alerts = raised
      let ceilingStart = clock.now
      for flow in input {
        sink &+= flow.flow.sourceIP.utf8.count &+ flow.flow.destinationIP.utf8.count
        sink &+=
          Int(flow.flow.destinationPort) &+ flow.source.hashValue &+ flow.destination.hashValue
        sink &+= flow.flow.outcome == .established ? 1 : 0
      }
      bestCeiling = min(bestCeiling, clock.now - ceilingStart)
    }
    return Result(
      flows: input.count, flowsPerSecond: rate(input.count, best),
      ceilingFlowsPerSecond: rate(input.count, bestCeiling), alerts: alerts, checksum: sink)
  }

  static func rate(_ count: Int, _ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    let total = Double(seconds) + Double(attoseconds) / 1e18
    return total > 0 ? Double(count) / total : 0
  }

  /// `count` flows over ten minutes: 1 in 50 from one of 4 scanning pods (refused, new port each
  /// time), the rest from 2,000 pods of 200 workloads to 5 usual peers each.
  static func syntheticFlows(count: Int) -> [AttributedFlow] {
    let base: Int64 = 1_764_000_000_000_000_000
    let workloads = (0..<200).map { i in
      NetworkEndpoint.workload(namespace: "team-\(i % 20)", kind: "Deployment", name: "svc-\(i)")
    }
    let pods = (0..<2_000).map { i -> (ip: String, endpoint: NetworkEndpoint) in
      let w = workloads[i % 200]
      let ip = "10.244.\(i / 250).\(i % 250 + 2)"
      return (
        ip,
        .workload(namespace: w.namespace, kind: w.workloadKind, name: w.name, pod: "\(w.name)-\(i)")
      )
    }
    var out: [AttributedFlow] = []
    out.reserveCapacity(count)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for i in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let time = Timestamp(nanoseconds: base + Int64(i) * (600_000_000_000 / Int64(max(1, count))))
      let random = Int(truncatingIfNeeded: state >> 33)
      if i % 50 == 0 {
        let scanner = pods[(random % 4) * 7]
        let target = pods[random % pods.count]
        let record = FlowRecord(
          start: time, proto: 6, sourceIP: scanner.ip, sourcePort: 40_000,
          destinationIP: target.ip,
          destinationPort: UInt16(truncatingIfNeeded: i / 50 % 60_000 + 1),
          outcome: .refused, source: "bench")
        out.append(
          AttributedFlow(flow: record, source: scanner.endpoint, destination: target.endpoint))
      } else {
        let client = pods[random % pods.count]
        let peer = pods[(random / 2_000 % 5 + (random % pods.count) % 200 * 5) % pods.count]
        let record = FlowRecord(
          start: time, proto: 6, sourceIP: client.ip,
          sourcePort: UInt16(truncatingIfNeeded: 30_000 + i),
          destinationIP: peer.ip, destinationPort: 8080, outcome: .established, source: "bench")
        out.append(
          AttributedFlow(flow: record, source: client.endpoint, destination: peer.endpoint))
      }
    }
    return out
  }
}
