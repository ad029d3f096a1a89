import VigilCore
import VigilNet

extension LateralMovementDetector {
  /// The alert for a workload that reached `target` for the first time.
  func sensitiveAlert(_ target: SensitiveTarget, flow: AttributedFlow) -> Alert {
    let record = flow.flow
    let output =
      "Pod of \(flow.source.label) (\(record.sourceIP)) reached \(target.title) "
      + "\(ScanListing.name(flow.destination, address: record.destinationIP)) port "
      + "\(record.destinationPort) (\(record.outcome.rawValue)); never seen from this workload before"
    let fields = [
      AlertField(name: "lateral.target", value: target.rawValue),
      AlertField(name: "lateral.workload", value: flow.source.mapNode.label),
    ]
    let severity: Severity = target == .apiServer ? .warning : .error
    return FlowAlert.make(
      rule: Self.sensitiveRule, severity: severity, flow: flow, output: output, tags: target.tags,
      fields: fields, dedupKey: [flow.source.mapNode.id, target.rawValue])
  }

  /// The alert for a workload whose window of new peers reached the threshold.
  func newPeersAlert(_ recent: [(time: Int64, name: String)], flow: AttributedFlow) -> Alert {
    let names = recent.map(\.name)
    let shown = ScanListing.list(names.prefix(configuration.listed), total: names.count)
    let minutes = TRWScanDetector.format(Double(rules.window) / 60e9)
    let output =
      "Lateral movement by \(flow.source.label) (\(flow.flow.sourceIP)): \(names.count) internal "
      + "peers never used before within \(minutes) min: \(shown)"
    let fields = [
      AlertField(name: "lateral.new_peer_count", value: String(names.count)),
      AlertField(name: "lateral.new_peers", value: shown),
      AlertField(name: "lateral.workload", value: flow.source.mapNode.label),
    ]
    let first = recent.first.map { Timestamp(nanoseconds: $0.time) }
    var alert = FlowAlert.make(
      rule: Self.rule, severity: .warning, flow: flow, output: output,
      tags: ScanTags.lateralMovement, fields: fields, dedupKey: [flow.source.mapNode.id],
      count: names.count, lastSeen: flow.flow.end)
    if let first { alert.time = first }
    return alert
  }
}
