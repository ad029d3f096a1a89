extension NetworkEndpoint {
  /// A stable identifier, unique among map nodes: `workload:web/Deployment/frontend`,
  /// `node:worker-1`, `api-server`, `cloud-metadata:169.254.169.254`, `service:db/postgres`,
  /// `domain:example.com`, `ip:93.184.216.34`; prefixed `cluster/` when a cluster is named.
  public var id: String {
    let prefix = cluster.map { "\($0)/" } ?? ""
    switch kind {
    case .workload:
      var text = "\(prefix)workload:\(namespace)/\(workloadKind)/\(name)"
      if let pod { text += "/pod:\(pod)" }
      if let service { text += "/via:\(service)" }
      return text
    case .node: return "\(prefix)node:\(name)"
    case .apiServer: return "\(prefix)api-server"
    case .cloudMetadata: return "cloud-metadata:\(address ?? "")"
    case .service: return "\(prefix)service:\(namespace)/\(name)"
    case .external:
      if let dnsName {
        let scope = scope ?? .publicInternet
        return scope == .publicInternet
          ? "domain:\(dnsName)" : "domain:\(scope.rawValue):\(dnsName)"
      }
      return "ip:\(address ?? "")"
    }
  }

  /// How text and DOT output name it: `web/deploy/frontend`, `node worker-1`, `api-server`,
  /// `cloud-metadata 169.254.169.254`, `db/svc/postgres`, `example.com`, `93.184.216.34 (public)`.
  public var label: String {
    let prefix = cluster.map { "\($0):" } ?? ""
    switch kind {
    case .workload: return "\(prefix)\(namespace)/\(Self.shortKind(workloadKind))/\(name)"
    case .node: return "\(prefix)node \(name)"
    case .apiServer: return "\(prefix)api-server"
    case .cloudMetadata: return "cloud-metadata \(address ?? "")"
    case .service: return "\(prefix)\(namespace)/svc/\(name)"
    case .external:
      if let dnsName { return dnsName }
      return "\(address ?? "?") (\(scope?.rawValue ?? "external"))"
    }
  }

  /// `description` is the label.
  public var description: String { label }

  /// The map node this end is counted under: a workload without its pod and Service, a node or
  /// Service without its address, an external end by its DNS name when known, else its address.
  public var mapNode: NetworkEndpoint {
    switch kind {
    case .workload:
      if pod == nil && service == nil { return self }
      return .workload(cluster: cluster, namespace: namespace, kind: workloadKind, name: name)
    case .node:
      return address == nil ? self : NetworkEndpoint(.node, cluster: cluster, name: name)
    case .apiServer:
      return address == nil ? self : NetworkEndpoint(.apiServer, cluster: cluster, name: name)
    case .service:
      return address == nil
        ? self : NetworkEndpoint(.service, cluster: cluster, namespace: namespace, name: name)
    case .cloudMetadata: return self
    case .external:
      if dnsName != nil, address != nil {
        return .external(address: nil, scope: scope ?? .publicInternet, dnsName: dnsName)
      }
      return self
    }
  }

  /// The short kind used in labels: `deploy`, `sts`, `ds`, `job`, `cronjob`, `rs`, `pod`.
  public static func shortKind(_ kind: String) -> String {
    switch kind {
    case "Deployment": "deploy"
    case "StatefulSet": "sts"
    case "DaemonSet": "ds"
    case "Job": "job"
    case "CronJob": "cronjob"
    case "ReplicaSet": "rs"
    case "Pod": "pod"
    default: kind.lowercased()
    }
  }

  /// The endpoint with `dnsName` (external ends only; others are returned unchanged).
  public func named(_ dnsName: String?) -> NetworkEndpoint {
    guard kind == .external, dnsName != self.dnsName else { return self }
    return .external(address: address, scope: scope ?? .publicInternet, dnsName: dnsName)
  }
}
