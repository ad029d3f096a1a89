import VigilCore

extension FlowWindowGroup {
  /// The counts every zone alert carries: flows, established, ports, bytes each way.
  var countFields: [AlertField] {
    [
      AlertField(name: "vigil.flows", value: String(count)),
      AlertField(name: "vigil.flows.established", value: String(established)),
      AlertField(name: "fd.sports", value: ports.map(String.init).joined(separator: ",")),
      AlertField(name: "vigil.bytes.out", value: String(bytesOut)),
      AlertField(name: "vigil.bytes.in", value: String(bytesIn)),
    ]
  }

  /// `3 connections (2 established)` / `1 connection (refused)`.
  var countText: String {
    let noun = count == 1 ? "connection" : "connections"
    if count == 1 { return "1 \(noun) (\(first.flow.outcome.rawValue))" }
    return "\(count) \(noun) (\(established) established)"
  }
}
