import VigilCore
import VigilNet

extension ThresholdScanDetector {
  /// The alert for a source that just crossed a threshold on `flow`.
  func makeAlert(_ counts: Crossing, flow: AttributedFlow) -> Alert {
    let finding = counts.finding
    let ports = counts.ports
    let hosts = counts.hosts
    let record = flow.flow
    let listing = counts.listing
    let shown = configuration.listed
    let minutes = Double(Int(configuration.window.components.seconds)) / 60
    let what =
      switch finding {
      case .portScan:
        "\(ports) distinct ports failed on \(ScanListing.name(flow.destination, address: record.destinationIP))"
      case .hostSweep: "\(hosts) distinct hosts failed on port \(record.destinationPort)"
      }
    let output =
      "Slow scan (\(finding.rawValue)) by \(flow.source.label) (\(record.sourceIP)): \(what) "
      + "within \(TRWScanDetector.format(minutes)) min; \(counts.failures) failed connections; "
      + "\(listing.targetCount) target(s): \(listing.targetText(shown: shown)); "
      + "\(listing.portCount) port(s): \(listing.portText(shown: shown))"
    let fields = [
      AlertField(name: "scan.detector", value: "threshold"),
      AlertField(name: "scan.finding", value: finding.rawValue),
      AlertField(name: "scan.scanner", value: flow.source.label),
      AlertField(name: "scan.scanner_pod", value: flow.source.pod),
      AlertField(name: "scan.failures", value: String(counts.failures)),
      AlertField(name: "scan.target_count", value: String(listing.targetCount)),
      AlertField(name: "scan.targets", value: listing.targetText(shown: shown)),
      AlertField(name: "scan.port_count", value: String(listing.portCount)),
      AlertField(name: "scan.ports", value: listing.portText(shown: shown)),
    ]
    return FlowAlert.make(
      rule: Self.rule, severity: .warning, flow: flow, output: output, tags: ScanTags.scan,
      fields: fields, dedupKey: [flow.source.id, record.sourceIP], count: counts.failures,
      lastSeen: record.end)
  }
}
