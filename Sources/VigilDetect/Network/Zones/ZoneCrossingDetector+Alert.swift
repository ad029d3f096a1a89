import VigilCore
import VigilNet

extension ZoneCrossingDetector {
  /// The alerts for released windows.
  mutating func alerts(_ released: [FlowWindows<[NetworkEndpoint]>.Released]) -> [Alert] {
    var out: [Alert] = []
    for item in released { if let made = alert(item.group) { out.append(made) } }
    return out
  }

  /// The alert for one window of a pair's flows.
  mutating func alert(_ group: FlowWindowGroup) -> Alert? {
    let flow = group.first
    guard let crossing = isForbidden(flow) else { return nil }
    let sensitivity = crossing.sensitivity
    let severity: Severity =
      sensitivity.level == .high
      ? (group.established > 0 ? .error : .warning)
      : (group.established > 0 ? .warning : .notice)
    let sourceZone = crossing.source.map { "zone \($0.zone) (\($0.reason))" } ?? "no zone"
    let record = flow.flow
    let output =
      "Workload \(flow.source.label) in \(sourceZone) reached \(sensitivity.product) "
      + "\(flow.destination.label) in zone \(crossing.destination.zone) "
      + "(\(crossing.destination.reason)) on port \(record.destinationPort)/"
      + "\(NetworkGraph.protocolName(record.proto)): \(group.countText); "
      + "sensitive: \(sensitivity.reason)"
    let fields =
      [
        AlertField(name: "vigil.zone.source", value: crossing.source?.zone.name),
        AlertField(name: "vigil.zone.source.reason", value: crossing.source?.reason),
        AlertField(name: "vigil.zone.destination", value: crossing.destination.zone.name),
        AlertField(name: "vigil.zone.destination.reason", value: crossing.destination.reason),
        AlertField(name: "vigil.sensitivity", value: sensitivity.level.rawValue),
        AlertField(name: "vigil.sensitivity.product", value: sensitivity.product),
        AlertField(name: "vigil.sensitivity.reason", value: sensitivity.reason),
      ] + group.countFields
    return FlowAlert.make(
      rule: Self.rule, severity: severity, flow: flow, output: output, tags: Self.tags,
      fields: fields, dedupKey: [flow.source.mapNode.id, flow.destination.mapNode.id],
      count: group.count, lastSeen: group.lastSeen)
  }
}
