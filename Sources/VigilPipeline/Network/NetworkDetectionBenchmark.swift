import VigilCore
import VigilDetect
import VigilNet

/// The whole network detector set as `vigil serve` runs it (scans, lateral movement, threat
/// intel with 100,000 indicators, miners, zone crossings, plaintext HTTP, ingress) over
/// attributed synthetic flows, per second on one core, next to a ceiling measured in the same
/// run (a loop reading the same flows' ports, counters and endpoint kinds).
public enum NetworkDetectionBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Flows per round.
    public var flows: Int
    /// Flows per second through every detector (the fastest round).
    public var flowsPerSecond: Double
    /// Flows per second of the reading loop (the fastest round).
    public var ceilingPerSecond: Double
    /// Alerts raised in the last round.
    public var alerts: Int
    /// Keeps the ceiling loop from being optimized away.
    public var checksum: Int
    /// Flows per second of each detector alone over the same flows, by detector type.
    public var perDetector: [(name: String, flowsPerSecond: Double)] = []

    /// `1000000 flows: 0.9 M flows/s through 8 detectors; ceiling 40 M/s (2.3 %); 120 alerts`.
    public var description: String {
      let ceiling = (ceilingPerSecond / 1e5).rounded() / 10
      let percent =
        ceilingPerSecond > 0 ? (flowsPerSecond / ceilingPerSecond * 1000).rounded() / 10 : 0
      let each = perDetector.map { "\($0.name) \(($0.flowsPerSecond / 1e5).rounded() / 10) M/s" }
      return
        "\(flows) flows: \(Int(flowsPerSecond)) flows/s through every network detector; ceiling "
        + "\(ceiling) M flows/s (\(percent) %); \(alerts) alerts"
        + (each.isEmpty ? "" : "; alone: " + each.joined(separator: ", "))
    }
  }

  /// Runs `flows` attributed flows (cycling 65,536 distinct ones) through the detector set.
  public static func run(flows: Int, rounds: Int = 3) -> Result {
    var resolver = StaticEndpointResolver()
    resolver.addClusterRange("10.244.0.0/16")
    var podIPs: [String] = []
    for i in 0..<5_000 {
      let workload = i / 10
      let zone = workload % 4 == 0 ? "prod" : "dev"
      let ip = NetworkMapBenchmark.podIP(i)
      resolver.hold(
        ip,
        as: .workload(
          namespace: "\(zone)-team-\(workload % 20)", kind: "Deployment",
          name: "service-\(workload / 20)", pod: "service-\(workload / 20)-\(i)"),
        marks: workload % 50 == 0
          ? EndpointMarks(
            sensitivity: .init(level: .high, product: "postgres", reason: "postgres (port 5432)"))
          : .none)
      podIPs.append(ip)
    }
    let records = NetworkMapBenchmark.records(podIPs: podIPs, distinct: 1 << 16)
    var attributor = FlowAttributor()
    var attributed: [AttributedFlow] = []
    attributed.reserveCapacity(records.count)
    for record in records {
      if let flow = attributor.attribute(record, resolver: resolver) { attributed.append(flow) }
    }
    attributed += attributor.drainPending(resolver: resolver)
    var size = 1
    while size * 2 <= attributed.count { size *= 2 }
    attributed = Array(attributed.prefix(size))
    let indicators = IndicatorSet(
      (0..<100_000).map { n in
        Indicator(
          kind: n % 2 == 0 ? .domain : .ipv4,
          value: n % 2 == 0 ? "bad\(n).example" : "198.\(18 + n % 2).\(n / 256 % 256).\(n % 256)",
          feed: "bench")
      })
    let makeDetectors: () -> [any NetworkDetector] = {
      [
        TRWScanDetector(), ThresholdScanDetector(), LateralMovementDetector(),
        ThreatIntelDetector(indicators: indicators), CryptominerDetector(),
        ZoneCrossingDetector(classifier: ZoneClassifier()), PlaintextHTTPDetector(),
        InternetIngressDetector(),
      ]
    }
    let clock = ContinuousClock()
    var best = 0.0
    var bestCeiling = 0.0
    var alerts = 0
    var checksum = 0
    for _ in 0..<max(1, rounds) {
      var detection = NetworkDetection(detectors: makeDetectors())
      var raised = 0
      let start = clock.now
      var index = 0
      while index < flows {
        // Batches are slices of the attributed flows (as serve hands over what attribution
        // made), so copying flows into batches is not counted as detection.
        let first = index & (size - 1)
        let end = min(first + 4_096, size, first + flows - index)
        raised += detection.observe(attributed[first..<end]).count
        index += end - first
      }
      let elapsed = NetworkMapBenchmark.seconds(clock.now - start)
      if elapsed > 0 { best = max(best, Double(flows) / elapsed) }
      // Release what the windows still hold (not timed): proof the detectors found something.
      raised += detection.advance(to: Timestamp(nanoseconds: .max / 2)).count
      alerts = raised

      let ceilingStart = clock.now
      var sum = 0
      for k in 0..<flows {
        let flow = attributed[k & (size - 1)]
        sum &+= Int(flow.flow.destinationPort) &+ Int(flow.flow.bytesIn ?? 0)
        sum &+= flow.source.kind == .workload ? 1 : 2
        sum &+= flow.destination.namespace.utf8.count
      }
      checksum = sum
      let ceilingElapsed = NetworkMapBenchmark.seconds(clock.now - ceilingStart)
      if ceilingElapsed > 0 { bestCeiling = max(bestCeiling, Double(flows) / ceilingElapsed) }
    }
    var perDetector: [(name: String, flowsPerSecond: Double)] = []
    for detector in makeDetectors() {
      var alone = detector
      let start = clock.now
      for k in 0..<flows { _ = alone.observe(attributed[k & (size - 1)]) }
      let elapsed = NetworkMapBenchmark.seconds(clock.now - start)
      perDetector.append(
        ("\(type(of: detector))", elapsed > 0 ? Double(flows) / elapsed : 0))
    }
    return Result(
      flows: flows, flowsPerSecond: best, ceilingPerSecond: bestCeiling, alerts: alerts,
      checksum: checksum, perDetector: perDetector)
  }
}
