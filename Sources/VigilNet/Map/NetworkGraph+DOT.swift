extension NetworkGraph {
  /// The map as Graphviz DOT: one `cluster_…` subgraph per namespace holding its workloads and
  /// Services, every other node outside; edges labelled `port/proto ×connections`. Public entry
  /// points are drawn bold, sensitive ends red (a cylinder), external ends as boxes; every
  /// identifier is quoted and escaped.
  public func dot(name: String = "vigil") -> String {
    var out = "digraph \(Self.dotQuoted(name)) {\n"
    out += "  rankdir=LR;\n  node [shape=ellipse, fontsize=10];\n  edge [fontsize=9];\n"
    var byNamespace: [String: [Node]] = [:]
    for node in nodes { byNamespace[node.endpoint.namespace, default: []].append(node) }
    for (index, namespace) in byNamespace.keys.sorted(by: Self.namespaceOrder).enumerated() {
      let members = byNamespace[namespace] ?? []
      if namespace.isEmpty {
        for node in members { out += "  " + Self.dotNode(node) + "\n" }
        continue
      }
      out += "  subgraph \(Self.dotQuoted("cluster_\(index)_\(namespace)")) {\n"
      out += "    label=\(Self.dotQuoted(namespace));\n    style=rounded;\n"
      for node in members { out += "    " + Self.dotNode(node) + "\n" }
      out += "  }\n"
    }
    for edge in edges {
      var attributes = "label=\(Self.dotQuoted("\(edge.portText) ×\(edge.connections)"))"
      switch edge.edgeClass {
      case .egressInternet, .ingressInternet: attributes += ", color=\"blue\""
      case .toCloudMetadata, .toAPIServer: attributes += ", color=\"red\""
      case .eastWest, .toNode, .other: break
      }
      if edge.outcomes.established == 0 && edge.outcomes.unknown == 0 {
        attributes += ", style=dashed"
      }
      out +=
        "  \(Self.dotQuoted(edge.source)) -> \(Self.dotQuoted(edge.destination)) [\(attributes)];\n"
    }
    out += "}\n"
    return out
  }

  /// One node statement.
  static func dotNode(_ node: Node) -> String {
    let e = node.endpoint
    let label: String
    switch e.kind {
    case .workload: label = "\(NetworkEndpoint.shortKind(e.workloadKind))/\(e.name)"
    case .service: label = "svc/\(e.name)"
    case .node, .apiServer, .cloudMetadata, .external: label = e.label
    }
    var attributes = ["label=\(dotQuoted(label))"]
    if e.kind == .external || e.kind == .cloudMetadata { attributes.append("shape=box") }
    if node.marks.isPublicEntry { attributes.append("penwidth=2") }
    if let sensitivity = node.marks.sensitivity {
      attributes.append("shape=cylinder")
      attributes.append("color=\"red\"")
      attributes.append("tooltip=\(dotQuoted(sensitivity.reason))")
    }
    return "\(dotQuoted(node.id)) [\(attributes.joined(separator: ", "))];"
  }

  /// `s` as a DOT quoted string: `"` and `\` escaped, newlines as `\n`.
  public static func dotQuoted(_ s: String) -> String {
    var out = "\""
    for character in s.unicodeScalars {
      switch character {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": break
      default: out.unicodeScalars.append(character)
      }
    }
    return out + "\""
  }
}
