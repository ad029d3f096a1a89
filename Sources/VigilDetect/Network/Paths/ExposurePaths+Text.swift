import VigilCore
import VigilNet

extension ExposurePath {
  /// `Exposure path: LoadBalancer shop/web :443 → shop/deploy/frontend → shop/deploy/api :8080
  /// → shop/sts/postgres :5432 (observed, 2 hops after the entry, 120 conns, first seen …,
  /// last seen …; postgres (port 5432))`.
  public var text: String {
    var line = "Exposure path: \(entry.label) → \(startLabel)"
    for hop in hops { line += " → \(hop.toLabel) \(hop.portText)" }
    var details: [String] = []
    switch kind {
    case .direct: details.append("direct: the entry point leads to it")
    case .observed: details.append("observed")
    case .policyAllowed: details.append("policy-allowed, not seen")
    }
    if !hops.isEmpty {
      details.append(
        hops.count == 1 ? "1 hop after the entry" : "\(hops.count) hops after the entry")
    }
    if hops.contains(where: \.isObserved) { details.append("\(connections) conns") }
    if let firstSeen { details.append("first seen \(firstSeen.rfc3339(fractionDigits: 0))") }
    if let lastSeen { details.append("last seen \(lastSeen.rfc3339(fractionDigits: 0))") }
    if entry.publicConnections > 0 { details.append("\(entry.publicConnections) public conns in") }
    return line + " (\(details.joined(separator: ", ")); \(sensitivity.reason))"
  }

  /// The hops one per line with their evidence, indented.
  public var evidenceText: String {
    hops.map { hop in
      let head = "  \(hop.from) → \(hop.to)"
      switch hop.evidence {
      case .observed(let seen):
        return
          "\(head) \(seen.ports.joined(separator: ",")): \(seen.connections) conns, "
          + "\(seen.bytesOut) B out, \(seen.bytesIn) B in, "
          + "\(seen.firstSeen.rfc3339(fractionDigits: 0)) – \(seen.lastSeen.rfc3339(fractionDigits: 0))"
      case .policyAllowed(let port, let proto, let decision):
        return "\(head) \(port)/\(proto.lowercased()): no flow seen; \(decision)"
      }
    }.joined(separator: "\n")
  }
}

extension ExposurePaths {
  /// One line per path, each followed by its hops' evidence; a summary line first.
  public var text: String {
    let observed = paths(.observed).count
    let allowed = paths(.policyAllowed).count
    let direct = paths(.direct).count
    var lines = [
      "\(paths.count) exposure paths from \(entryPoints) public entry points "
        + "(\(observed) observed, \(allowed) policy-allowed, \(direct) direct)"
    ]
    for path in paths {
      lines.append(path.text)
      if !path.hops.isEmpty { lines.append(path.evidenceText) }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
