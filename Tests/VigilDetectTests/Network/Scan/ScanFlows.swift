import VigilCore
import VigilNet

/// Builds attributed flows for the scan tests: pods at 10.244.1.x as Deployments in `shop`.
enum ScanFlows {
  static let base = Timestamp(nanoseconds: 1_764_000_000_000_000_000)

  static func pod(_ name: String, namespace: String = "shop") -> NetworkEndpoint {
    .workload(namespace: namespace, kind: "Deployment", name: name, pod: "\(name)-abc12")
  }

  static func flow(
    from source: NetworkEndpoint, _ sourceIP: String, to destination: NetworkEndpoint,
    _ destinationIP: String, port: UInt16, _ outcome: FlowRecord.Outcome, at seconds: Double,
    proto: UInt8 = 6
  ) -> AttributedFlow {
    let start = base.adding(.milliseconds(Int64(seconds * 1000)))
    let record = FlowRecord(
      start: start, proto: proto, sourceIP: sourceIP, sourcePort: 40_000,
      destinationIP: destinationIP, destinationPort: port, outcome: outcome, source: "test")
    return AttributedFlow(flow: record, source: source, destination: destination)
  }

  static func field(_ alert: Alert, _ name: String) -> String? {
    alert.fields.first { $0.name == name }?.value ?? nil
  }
}
