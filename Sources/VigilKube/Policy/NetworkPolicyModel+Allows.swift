extension NetworkPolicyModel {
  /// Whether the policies allow a connection from `source` to `destination` on `port`/`proto`:
  /// the source's egress and the destination's ingress must both allow it. A pod that no policy
  /// of a direction selects is not isolated in that direction; a selected pod allows only what
  /// some rule of some selecting policy allows (the union of the policies).
  public func allows(
    from source: NetworkPolicyEndpoint, to destination: NetworkPolicyEndpoint, port: Int,
    proto: String = "TCP"
  ) -> Bool {
    decision(from: source, to: destination, port: port, proto: proto).isAllowed
  }

  /// The same question with the reasons on each side (see `allows(from:to:port:proto:)`).
  public func decision(
    from source: NetworkPolicyEndpoint, to destination: NetworkPolicyEndpoint, port: Int,
    proto: String = "TCP"
  ) -> NetworkPolicyDecision {
    if case .pod(let from) = source, case .pod(let to) = destination, from.name != nil,
      from.namespace == to.namespace, from.name == to.name
    {
      return NetworkPolicyDecision(egress: .samePod, ingress: .samePod)
    }
    let proto = proto.uppercased()
    var egress = NetworkPolicyDecision.Side.notApplicable
    if case .pod(let pod) = source {
      egress = side(
        of: pod, .egress, peer: destination, port: port, proto: proto, destination: destination)
    }
    var ingress = NetworkPolicyDecision.Side.notApplicable
    if case .pod(let pod) = destination {
      ingress = side(
        of: pod, .ingress, peer: source, port: port, proto: proto, destination: destination)
    }
    return NetworkPolicyDecision(egress: egress, ingress: ingress)
  }

  /// One side: the policies selecting `pod` for `direction` and whether a rule lets `peer` in
  /// (ingress) or out to it (egress).
  func side(
    of pod: NetworkPolicyEndpoint.Pod, _ direction: NetworkPolicy.Direction,
    peer: NetworkPolicyEndpoint, port: Int, proto: String, destination: NetworkPolicyEndpoint
  ) -> NetworkPolicyDecision.Side {
    let selecting = policies(selecting: pod, for: direction)
    if selecting.isEmpty { return .notIsolated }
    let allowing = selecting.filter { policy in
      policy.rules(direction).contains {
        ruleMatches(
          $0, policyNamespace: policy.namespace, peer: peer, port: port, proto: proto,
          destination: destination)
      }
    }
    return allowing.isEmpty
      ? .denied(isolatedBy: selecting.map(\.key)) : .allowed(by: allowing.map(\.key))
  }

  /// Whether a rule matches the peer and the port.
  func ruleMatches(
    _ rule: NetworkPolicyRule, policyNamespace: String, peer: NetworkPolicyEndpoint, port: Int,
    proto: String, destination: NetworkPolicyEndpoint
  ) -> Bool {
    let anyPeer =
      rule.peers.isEmpty
      || rule.peers.contains { peerMatches($0, policyNamespace: policyNamespace, peer) }
    guard anyPeer else { return false }
    return rule.ports.isEmpty
      || rule.ports.contains { portMatches($0, port: port, proto: proto, destination: destination) }
  }

  /// Whether a peer entry covers `endpoint`. An `ipBlock` is matched against a pod's addresses
  /// too: CNIs differ on this, and a model of what *could* pass must not miss a path.
  func peerMatches(
    _ peer: NetworkPolicyPeer, policyNamespace: String, _ endpoint: NetworkPolicyEndpoint
  ) -> Bool {
    switch (peer, endpoint) {
    case (.ipBlock(let block), .address(let address)): return block.contains(address)
    case (.ipBlock(let block), .pod(let pod)): return pod.addresses.contains(where: block.contains)
    case (_, .address): return false
    case (.pods(let selector), .pod(let pod)):
      return pod.namespace == policyNamespace && selector.matches(pod.labels)
    case (.namespaces(let selector), .pod(let pod)):
      return selector.matches(labels(ofNamespace: pod.namespace))
    case (.podsInNamespaces(let pods, let namespaces), .pod(let pod)):
      return namespaces.matches(labels(ofNamespace: pod.namespace)) && pods.matches(pod.labels)
    }
  }

  /// Whether a port entry covers `port`/`proto`. A named port is looked up among the
  /// destination pod's container ports; when those are not known, it matches any port.
  func portMatches(
    _ entry: NetworkPolicyPort, port: Int, proto: String, destination: NetworkPolicyEndpoint
  ) -> Bool {
    guard entry.proto == proto else { return false }
    switch entry.ports {
    case .any: return true
    case .range(let low, let high): return (low...high).contains(port)
    case .named(let name):
      guard case .pod(let pod) = destination, !pod.ports.isEmpty else { return true }
      return pod.ports.contains {
        $0.name == name && Int($0.containerPort) == port && $0.protocol.uppercased() == proto
      }
    }
  }
}
