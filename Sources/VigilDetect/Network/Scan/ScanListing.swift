import VigilNet

/// Distinct targets and ports a source tried, kept in first-seen order up to a bound, and their
/// text for alerts (`22, 80, 113 … (+196 more)`).
struct ScanListing: Sendable {
  /// Distinct targets (address text) seen, bounded by `limit`.
  var targets: Set<String> = []
  /// Target names in first-seen order, as alerts print them.
  var targetNames: [String] = []
  /// Distinct ports seen, bounded by `limit`.
  var ports: Set<UInt16> = []
  /// Targets seen beyond the bound (counted, not kept).
  var extraTargets = 0
  /// Ports seen beyond the bound.
  var extraPorts = 0

  /// Records one contact of `flow`, keeping at most `limit` targets and ports.
  mutating func record(_ flow: AttributedFlow, limit: Int) {
    let address = flow.flow.destinationIP
    if !targets.contains(address) {
      if targets.count < limit {
        targets.insert(address)
        targetNames.append(Self.name(flow.destination, address: address))
      } else {
        extraTargets += 1
      }
    }
    let port = flow.flow.destinationPort
    if !ports.contains(port) {
      if ports.count < limit { ports.insert(port) } else { extraPorts += 1 }
    }
  }

  /// Distinct targets seen (kept and beyond the bound).
  var targetCount: Int { targets.count + extraTargets }
  /// Distinct ports seen.
  var portCount: Int { ports.count + extraPorts }

  /// The first `shown` target names, with how many more.
  func targetText(shown: Int) -> String {
    Self.list(targetNames.prefix(shown), total: targetCount)
  }

  /// The lowest `shown` ports, with how many more.
  func portText(shown: Int) -> String {
    Self.list(ports.sorted().prefix(shown).map(String.init), total: portCount)
  }

  static func list<S: Collection<String>>(_ items: S, total: Int) -> String {
    let more = total - items.count
    return items.joined(separator: ", ") + (more > 0 ? " … (+\(more) more)" : "")
  }

  /// `10.244.1.11 (shop/deploy/web)` for cluster ends, the label for others.
  static func name(_ endpoint: NetworkEndpoint, address: String) -> String {
    switch endpoint.kind {
    case .workload, .service, .node, .apiServer: "\(address) (\(endpoint.label))"
    case .cloudMetadata, .external: endpoint.label
    }
  }
}
