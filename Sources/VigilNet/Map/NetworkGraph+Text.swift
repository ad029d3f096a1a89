extension NetworkGraph {
  /// The map as readable text, grouped by namespace (the source's, else the destination's; ends
  /// outside every namespace last), one edge a line:
  ///
  /// ```
  /// web
  ///   web/deploy/frontend [public entry] → api/deploy/backend :8080/tcp  12 conns  3.4 KB↑ 120 KB↓  established 12  (east-west)
  /// ```
  public func text() -> String {
    let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var groups: [String: [String]] = [:]
    for edge in edges {
      guard let source = byID[edge.source], let destination = byID[edge.destination] else {
        continue
      }
      let group =
        !source.endpoint.namespace.isEmpty
        ? source.endpoint.namespace : destination.endpoint.namespace
      groups[group, default: []].append(Self.line(edge, source, destination))
    }
    var out = ""
    for group in groups.keys.sorted(by: Self.namespaceOrder) {
      out += group.isEmpty ? "(outside any namespace)\n" : "\(group)\n"
      for line in groups[group] ?? [] { out += "  \(line)\n" }
    }
    if edges.isEmpty { out += "(no flows)\n" }
    if droppedFlows > 0 { out += "(\(droppedFlows) flows dropped: the map was full)\n" }
    return out
  }

  /// Namespaces by name, the empty one (outside the cluster) last.
  static func namespaceOrder(_ a: String, _ b: String) -> Bool {
    if a.isEmpty != b.isEmpty { return !a.isEmpty }
    return a < b
  }

  /// One edge's line.
  static func line(_ edge: Edge, _ source: Node, _ destination: Node) -> String {
    var text = source.endpoint.label + markers(source.marks, sensitive: false)
    text += " → " + destination.endpoint.label + markers(destination.marks, sensitive: true)
    text += " :\(edge.portText)  \(edge.connections) conn\(edge.connections == 1 ? "" : "s")"
    if edge.bytesOut > 0 || edge.bytesIn > 0 {
      text += "  \(byteText(edge.bytesOut))↑ \(byteText(edge.bytesIn))↓"
    }
    var mix: [String] = []
    for outcome in FlowRecord.Outcome.allCases where edge.outcomes[outcome] > 0 {
      mix.append("\(outcome.rawValue) \(edge.outcomes[outcome])")
    }
    if !mix.isEmpty { text += "  " + mix.joined(separator: " ") }
    text += "  (\(edge.edgeClass.rawValue))"
    return text
  }

  /// ` [public entry]`, ` [sensitive: postgres]`.
  static func markers(_ marks: EndpointMarks, sensitive showSensitivity: Bool) -> String {
    var out = ""
    if marks.isPublicEntry { out += " [public entry]" }
    if showSensitivity, let sensitivity = marks.sensitivity {
      out += " [sensitive: \(sensitivity.product)]"
    }
    return out
  }

  /// `512 B`, `3.4 KB`, `120 KB`, `1.5 MB` (powers of 1024).
  public static func byteText(_ bytes: UInt64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB", "PB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(bytes) B" }
    if value < 10 {
      let tenths = (value * 10).rounded()
      return tenths >= 100
        ? "10 \(units[unit])" : "\(Int(tenths) / 10).\(Int(tenths) % 10) \(units[unit])"
    }
    return "\(Int(value.rounded())) \(units[unit])"
  }
}
