import VigilCore
import VigilNet

/// Attributed flows for the zone detectors' unit tests.
enum ZoneTestFlows {
  static let t0 = Timestamp(nanoseconds: 1_764_000_000_000_000_000)

  static func workload(_ namespace: String, _ name: String, kind: String = "Deployment")
    -> NetworkEndpoint
  {
    .workload(namespace: namespace, kind: kind, name: name, pod: "\(name)-0")
  }

  static let postgresMarks = EndpointMarks(
    sensitivity: .init(level: .high, product: "postgres", reason: "postgres (image postgres:16)"))

  /// A flow at `t0 + seconds`.
  static func flow(
    from source: NetworkEndpoint, sourceIP: String = "10.244.1.10",
    to destination: NetworkEndpoint, destinationIP: String = "10.244.1.20", port: UInt16,
    marks: EndpointMarks = .none, outcome: FlowRecord.Outcome = .established,
    at seconds: Double = 0, dnsName: String? = nil
  ) -> AttributedFlow {
    let start = t0.adding(.milliseconds(Int64(seconds * 1000)))
    let record = FlowRecord(
      start: start, end: start.adding(.milliseconds(50)), proto: 6, sourceIP: sourceIP,
      sourcePort: 40000, destinationIP: destinationIP, destinationPort: port, outcome: outcome,
      bytesOut: 100, bytesIn: 200, dnsName: dnsName, source: "test")
    return AttributedFlow(
      flow: record, source: source, destination: destination, destinationMarks: marks)
  }

  static func field(_ alert: Alert, _ name: String) -> String? {
    alert.fields.first { $0.name == name }?.value
  }

  /// The frameworks an alert's controls cover.
  static func frameworks(_ alert: Alert) -> Set<ComplianceControl.Framework> {
    Set(ComplianceControl.controls(forTags: alert.tags).map(\.framework))
  }
}
