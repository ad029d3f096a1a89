import VigilJSON

extension NetworkPolicy {
  /// Reads a NetworkPolicy object as the API server returns it; `defaultNamespace` stands in
  /// when `metadata.namespace` is absent (an object from a namespaced list or a manifest).
  public init(json object: JSONValue, defaultNamespace: String? = nil)
    throws(NetworkPolicyDecodeError)
  {
    guard object.kind == .object else { throw NetworkPolicyDecodeError(.notAnObject) }
    if let kind = object["kind"]?.string, kind != "NetworkPolicy" {
      throw NetworkPolicyDecodeError(.wrongKind(kind))
    }
    guard let name = object["metadata"]?["name"]?.string, !name.isEmpty else {
      throw NetworkPolicyDecodeError(.missingMetadata("name"))
    }
    guard let namespace = object["metadata"]?["namespace"]?.string ?? defaultNamespace,
      !namespace.isEmpty
    else {
      throw NetworkPolicyDecodeError(.missingMetadata("namespace"))
    }
    let spec = object["spec"]
    let podSelector = try Self.selector(spec?["podSelector"])
    var directions: Set<Direction>?
    if let types = spec?["policyTypes"], types.kind == .array {
      var found: Set<Direction> = []
      for type in types.elements {
        let text = type.string ?? type.rawText
        guard let direction = Direction(rawValue: text) else {
          throw NetworkPolicyDecodeError(.unknownPolicyType(text))
        }
        found.insert(direction)
      }
      directions = found
    }
    let ingress = try Self.rules(spec?["ingress"], peersKey: "from")
    let egress = try Self.rules(spec?["egress"], peersKey: "to")
    self.init(
      namespace: namespace, name: name, podSelector: podSelector, directions: directions,
      ingress: ingress, egress: egress)
  }

  /// A `LabelSelector`; absent or null selects everything.
  static func selector(_ value: JSONValue?) throws(NetworkPolicyDecodeError) -> PolicyLabelSelector
  {
    guard let value, value.kind == .object else { return .everything }
    var labels: [String: String] = [:]
    for (key, label) in value["matchLabels"]?.members ?? [] {
      labels[key] = label.string ?? label.rawText
    }
    var requirements: [PolicyLabelSelector.Requirement] = []
    for expression in value["matchExpressions"]?.elements ?? [] {
      let key = expression["key"]?.string ?? ""
      let name = expression["operator"]?.string ?? ""
      guard let op = PolicyLabelSelector.Requirement.Operator(rawValue: name) else {
        throw NetworkPolicyDecodeError(.unknownOperator(name))
      }
      let values = (expression["values"]?.elements ?? []).map { $0.string ?? $0.rawText }
      let needsValues = op == .in || op == .notIn
      guard needsValues != values.isEmpty else {
        throw NetworkPolicyDecodeError(.badRequirementValues(key: key, operator: name))
      }
      requirements.append(.init(key: key, operator: op, values: values))
    }
    return PolicyLabelSelector(matchLabels: labels, matchExpressions: requirements)
  }

  /// `ingress` or `egress` rules; absent or null is no rules.
  static func rules(_ value: JSONValue?, peersKey: String) throws(NetworkPolicyDecodeError)
    -> [NetworkPolicyRule]
  {
    var out: [NetworkPolicyRule] = []
    for rule in value?.elements ?? [] {
      var peers: [NetworkPolicyPeer] = []
      for peer in rule[peersKey]?.elements ?? [] { peers.append(try Self.peer(peer)) }
      var ports: [NetworkPolicyPort] = []
      for port in rule["ports"]?.elements ?? [] { ports.append(try Self.port(port)) }
      out.append(NetworkPolicyRule(peers: peers, ports: ports))
    }
    return out
  }

  /// One peer: exactly one of the selector forms or an `ipBlock`.
  static func peer(_ value: JSONValue) throws(NetworkPolicyDecodeError) -> NetworkPolicyPeer {
    func present(_ key: String) -> JSONValue? {
      guard let field = value[key], !field.isNull else { return nil }
      return field
    }
    let pods = present("podSelector")
    let namespaces = present("namespaceSelector")
    if let block = present("ipBlock") {
      guard pods == nil, namespaces == nil else {
        throw NetworkPolicyDecodeError(.badPeer("ipBlock combined with a selector"))
      }
      let text = block["cidr"]?.string ?? ""
      guard let cidr = IPNetwork(text), text.contains("/") else {
        throw NetworkPolicyDecodeError(.badCIDR(text))
      }
      var except: [IPNetwork] = []
      for item in block["except"]?.elements ?? [] {
        let exceptText = item.string ?? item.rawText
        guard let network = IPNetwork(exceptText) else {
          throw NetworkPolicyDecodeError(.badCIDR(exceptText))
        }
        guard network.address.isIPv4 == cidr.address.isIPv4, cidr.contains(network.address),
          network.prefixLength >= cidr.prefixLength
        else {
          throw NetworkPolicyDecodeError(.exceptOutsideBlock(cidr: text, except: exceptText))
        }
        except.append(network)
      }
      return .ipBlock(NetworkPolicyIPBlock(cidr: cidr, except: except))
    }
    switch (pods, namespaces) {
    case (let pods?, let namespaces?):
      return .podsInNamespaces(pods: try selector(pods), namespaces: try selector(namespaces))
    case (let pods?, nil): return .pods(try selector(pods))
    case (nil, let namespaces?): return .namespaces(try selector(namespaces))
    case (nil, nil): throw NetworkPolicyDecodeError(.badPeer("no selector and no ipBlock"))
    }
  }

  /// One port entry.
  static func port(_ value: JSONValue) throws(NetworkPolicyDecodeError) -> NetworkPolicyPort {
    let proto = value["protocol"]?.string ?? "TCP"
    guard ["TCP", "UDP", "SCTP"].contains(proto) else {
      throw NetworkPolicyDecodeError(.unknownProtocol(proto))
    }
    let endPort = value["endPort"].flatMap { $0.isNull ? nil : $0.int.map(Int.init) }
    guard let port = value["port"], !port.isNull else {
      if endPort != nil { throw NetworkPolicyDecodeError(.endPortWithoutPort) }
      return NetworkPolicyPort(proto: proto, ports: .any)
    }
    if let name = port.string {
      if let number = Int(name) { return try numbered(proto, number, endPort) }
      guard !name.isEmpty else { throw NetworkPolicyDecodeError(.badPort("empty port name")) }
      if endPort != nil { throw NetworkPolicyDecodeError(.endPortWithoutPort) }
      return NetworkPolicyPort(proto: proto, ports: .named(name))
    }
    guard let number = port.int else { throw NetworkPolicyDecodeError(.badPort(port.rawText)) }
    return try numbered(proto, Int(number), endPort)
  }

  /// A numeric port or range, checked.
  static func numbered(_ proto: String, _ port: Int, _ endPort: Int?)
    throws(NetworkPolicyDecodeError) -> NetworkPolicyPort
  {
    guard (1...65535).contains(port) else {
      throw NetworkPolicyDecodeError(.badPort("port \(port) out of 1-65535"))
    }
    let end = endPort ?? port
    guard end >= port, end <= 65535 else {
      throw NetworkPolicyDecodeError(.badPort("endPort \(end) below \(port) or above 65535"))
    }
    return NetworkPolicyPort(proto: proto, ports: .range(port, end))
  }
}
