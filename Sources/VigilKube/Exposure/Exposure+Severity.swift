import VigilCore

extension Exposure {
  /// How urgent this entry point is, and why.
  ///
  /// A raw entry point (LoadBalancer, NodePort, external IPs, hostPort, hostNetwork) in front of a
  /// highly sensitive service is critical; so is HTTP routing (Ingress, Gateway) to one without
  /// TLS, while with TLS it is an error (the service is still reachable, but not in clear text).
  /// A public LoadBalancer, a NodePort, external IPs, hostPort and hostNetwork are warnings; an
  /// internal or source-restricted LoadBalancer and HTTP routing to ordinary services are notices.
  public var assessment: (severity: Severity, reason: String) {
    if let sensitivity, sensitivity.level == .high {
      if kind.isHTTPRouting {
        return tls == true
          ? (.error, "\(kind.displayName) in front of \(sensitivity)")
          : (.critical, "\(kind.displayName) without TLS in front of \(sensitivity)")
      }
      return (.critical, "\(kind.displayName) in front of \(sensitivity)")
    }
    switch kind {
    case .loadBalancer:
      if isInternal { return (.notice, "internal LoadBalancer") }
      if !sourceRanges.isEmpty {
        return (.notice, "LoadBalancer restricted to \(sourceRanges.joined(separator: ", "))")
      }
      return (.warning, "public LoadBalancer")
    case .nodePort: return (.warning, "NodePort open on every node")
    case .externalIP: return (.warning, "external IPs routed to the Service")
    case .hostPort: return (.warning, "hostPort open on the node")
    case .hostNetwork: return (.warning, "pod on the node's network")
    case .ingressRule, .gatewayListener:
      return tls == true
        ? (.notice, "\(kind.displayName) with TLS") : (.notice, "\(kind.displayName) without TLS")
    }
  }

  /// The severity of `assessment`.
  public var severity: Severity { assessment.severity }
}
