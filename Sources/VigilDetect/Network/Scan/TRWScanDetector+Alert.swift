import VigilCore
import VigilNet

extension TRWScanDetector {
  /// The alert for a walk that just reached η1 on `flow`.
  func makeAlert(_ walk: Snapshot, flow: AttributedFlow) -> Alert {
    let ratio = walk.ratio
    let listing = walk.listing
    let shown = configuration.listed
    let source = flow.source
    let threshold = configuration.parameters.upperThreshold
    let output =
      "Port scan or host sweep by \(source.label) (\(flow.flow.sourceIP)): "
      + "\(walk.failures) of \(walk.firstContacts) first contacts failed "
      + "(TRW likelihood ratio \(Self.format(ratio)) ≥ \(Self.format(threshold))); "
      + "\(listing.targetCount) target(s): \(listing.targetText(shown: shown)); "
      + "\(listing.portCount) port(s): \(listing.portText(shown: shown))"
    let fields = [
      AlertField(name: "scan.detector", value: "trw"),
      AlertField(name: "scan.scanner", value: source.label),
      AlertField(name: "scan.scanner_pod", value: source.pod),
      AlertField(name: "scan.first_contacts", value: String(walk.firstContacts)),
      AlertField(name: "scan.failures", value: String(walk.failures)),
      AlertField(name: "scan.likelihood_ratio", value: Self.format(ratio)),
      AlertField(name: "scan.target_count", value: String(listing.targetCount)),
      AlertField(name: "scan.targets", value: listing.targetText(shown: shown)),
      AlertField(name: "scan.port_count", value: String(listing.portCount)),
      AlertField(name: "scan.ports", value: listing.portText(shown: shown)),
    ]
    return FlowAlert.make(
      rule: Self.rule, severity: .warning, flow: flow, output: output, tags: ScanTags.scan,
      fields: fields, dedupKey: [source.id, flow.flow.sourceIP], count: walk.firstContacts,
      lastSeen: flow.flow.end)
  }

  /// A ratio as text with up to two decimals (`256`, `99`, `0.01`).
  static func format(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    guard hundredths.isFinite, abs(hundredths) < 1e15 else { return "\(value)" }
    let whole = Int(hundredths) / 100
    let fraction = abs(Int(hundredths) % 100)
    if fraction == 0 { return String(whole) }
    return fraction % 10 == 0
      ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
