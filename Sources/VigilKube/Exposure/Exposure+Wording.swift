extension Exposure {
  /// The entry point's name within its object (`LoadBalancer`, `host shop.example.com`,
  /// `listener https`, `external IPs`, `hostNetwork`).
  public var entryName: String {
    switch kind {
    case .loadBalancer, .nodePort, .hostPort, .hostNetwork, .externalIP: kind.displayName
    case .ingressRule: "host \(host ?? "*")"
    case .gatewayListener: "listener \(listener?.name ?? id.entry)"
    }
  }

  /// The object and entry (`Service payments/db LoadBalancer`, `Ingress shop/web host a.example.com`).
  public var subject: String { "\(source) \(entryName)" }

  /// What it opens, in parentheses: ports, node ports, addresses, paths, TLS, listener.
  public var details: String {
    var parts: [String] = []
    if let listener {
      parts.append("\(listener.hostname ?? "*"):\(listener.port)/\(listener.proto)")
    } else if !ports.isEmpty {
      parts.append("ports " + ports.map(Self.portText(kind)).joined(separator: ", "))
    }
    if !paths.isEmpty { parts.append("paths " + paths.joined(separator: ", ")) }
    if let tls { parts.append(tls ? "TLS" : "no TLS") }
    if !addresses.isEmpty { parts.append("addresses " + addresses.joined(separator: ", ")) }
    if !sourceRanges.isEmpty {
      parts.append("source ranges " + sourceRanges.joined(separator: ", "))
    }
    if isInternal { parts.append("internal") }
    return parts.isEmpty ? "" : "(" + parts.joined(separator: "; ") + ")"
  }

  /// `5432/TCP`, `80/TCP→8080` for hostPorts, `5432/TCP (node port 30432)` for NodePorts.
  static func portText(_ kind: Kind) -> (Port) -> String {
    { port in
      switch kind {
      case .hostPort:
        port.targetPort.map { $0 == String(port.port) ? port.description : "\(port)→\($0)" }
          ?? port.description
      case .nodePort, .loadBalancer:
        port.nodePort.map { "\(port) (node port \($0))" } ?? port.description
      default: port.description
      }
    }
  }

  /// The things whose gain widens the entry point (and whose loss narrows it), plus addresses.
  var facets: Set<ExposureFacet> {
    var out: Set<ExposureFacet> = []
    for port in ports {
      out.insert(.port(port.description))
      if let node = port.nodePort, kind == .nodePort || kind == .loadBalancer {
        out.insert(.nodePort("\(node)/\(port.proto)"))
      }
    }
    for address in addresses {
      out.insert(kind == .externalIP ? .externalIP(address) : .address(address))
    }
    for path in paths { out.insert(.path(path)) }
    if tls == false { out.insert(.plaintext) }
    for backend in backends { out.insert(.backend(backend.description)) }
    if let sensitivity, sensitivity.level == .high { out.insert(.sensitive(sensitivity.product)) }
    if kind == .loadBalancer, sourceRanges.isEmpty, !isInternal { out.insert(.openToAll) }
    return out
  }
}

/// One thing an entry point opens; gaining one widens it, losing one narrows it (addresses only
/// update it).
enum ExposureFacet: Sendable, Hashable, Comparable {
  case port(String)
  case nodePort(String)
  case externalIP(String)
  case path(String)
  case backend(String)
  case plaintext
  case openToAll
  case sensitive(String)
  case address(String)

  /// Whether gaining it widens the entry point.
  var widens: Bool {
    if case .address = self { return false }
    return true
  }

  /// How gaining it reads (`gained port 8443/TCP`, `lost TLS`).
  var gainedText: String {
    switch self {
    case .port(let text): "gained port \(text)"
    case .nodePort(let text): "gained node port \(text)"
    case .externalIP(let text): "gained external IP \(text)"
    case .path(let text): "gained path \(text)"
    case .backend(let text): "gained backend \(text)"
    case .plaintext: "lost TLS"
    case .openToAll: "opened to all clients"
    case .sensitive(let product): "now fronts \(product)"
    case .address(let text): "got address \(text)"
    }
  }

  /// How losing it reads (`lost port 8443/TCP`, `gained TLS`).
  var lostText: String {
    switch self {
    case .port(let text): "lost port \(text)"
    case .nodePort(let text): "lost node port \(text)"
    case .externalIP(let text): "lost external IP \(text)"
    case .path(let text): "lost path \(text)"
    case .backend(let text): "lost backend \(text)"
    case .plaintext: "gained TLS"
    case .openToAll: "restricted its clients"
    case .sensitive(let product): "no longer fronts \(product)"
    case .address(let text): "dropped address \(text)"
    }
  }
}
