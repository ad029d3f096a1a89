import VigilCore
import VigilNet

extension PlaintextHTTPDetector {
  /// The alert for one window of a (workload, host) pair.
  func alert(_ released: FlowWindows<Pair>.Released) -> Alert {
    let group = released.group
    let flow = group.first
    let record = flow.flow
    let host = released.key.host
    let named = host == record.destinationIP ? host : "\(host) (\(record.destinationIP))"
    let evidence = group.detail ?? "port \(record.destinationPort)"
    let output =
      "Workload \(flow.source.label) sent plaintext HTTP to \(named) on port "
      + "\(record.destinationPort)/\(NetworkGraph.protocolName(record.proto)): "
      + "\(group.countText); seen by \(evidence)"
    let fields =
      [
        AlertField(name: "vigil.http.host", value: host),
        AlertField(name: "vigil.http.evidence", value: evidence),
      ] + group.countFields
    return FlowAlert.make(
      rule: Self.rule, severity: .notice, flow: flow, output: output, tags: Self.tags,
      fields: fields, dedupKey: [flow.source.mapNode.id, host], count: group.count,
      lastSeen: group.lastSeen)
  }
}
