import VigilJSON

/// What the exposure model keeps of a `networking.k8s.io/v1` Ingress.
struct ExposureIngressRecord: Sendable, Hashable {
  /// One path of a rule and the Service it leads to.
  struct Path: Sendable, Hashable {
    /// The path (`/` when absent).
    var path: String
    /// The backend Service's name; nil for resource backends.
    var service: String?
    /// The backend Service port (number or name).
    var port: String?
  }

  /// Kubernetes metadata.
  var meta: ExposureObjectMeta
  /// Paths by host (`*` for rules without a host and for the default backend).
  var rules: [String: [Path]]
  /// Hosts listed in `spec.tls[].hosts`.
  var tlsHosts: [String]
  /// Whether a `spec.tls` entry lists no hosts (it then covers every host).
  var tlsForAll: Bool
  /// `status.loadBalancer.ingress` IPs and hostnames.
  var addresses: [String]
  /// `spec.ingressClassName`.
  var ingressClass: String?

  /// Reads an Ingress object.
  init(_ object: JSONValue, meta: ExposureObjectMeta) {
    self.meta = meta
    let spec = object["spec"]
    var rules: [String: [Path]] = [:]
    if let fallback = spec?["defaultBackend"], fallback.kind == .object {
      rules["*", default: []].append(Self.path("/*", backend: fallback))
    }
    spec?["rules"]?.forEachElement { rule in
      let host = rule["host"]?.string ?? "*"
      var paths: [Path] = []
      rule.value(atPath: "http", "paths")?.forEachElement { path in
        paths.append(Self.path(path["path"]?.string ?? "/", backend: path["backend"]))
      }
      rules[host, default: []] += paths
    }
    self.rules = rules
    var tlsHosts: [String] = []
    var tlsForAll = false
    spec?["tls"]?.forEachElement { entry in
      let hosts = entry["hosts"]?.elements.compactMap(\.string) ?? []
      if hosts.isEmpty { tlsForAll = true }
      tlsHosts += hosts
    }
    self.tlsHosts = tlsHosts
    self.tlsForAll = tlsForAll
    addresses = ExposureObjectMeta.loadBalancerAddresses(object)
    ingressClass = spec?["ingressClassName"]?.string
  }

  /// One path with its `backend.service`.
  static func path(_ path: String, backend: JSONValue?) -> Path {
    let service = backend?["service"]
    let port = service?["port"]
    return Path(
      path: path, service: service?["name"]?.string,
      port: ExposureObjectMeta.intOrString(port?["number"]) ?? port?["name"]?.string)
  }

  /// Whether TLS covers `host` (exactly, or by a `*.` wildcard one label deep).
  func hasTLS(host: String) -> Bool {
    if tlsForAll { return true }
    return tlsHosts.contains { tls in
      if tls == host { return true }
      guard tls.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
      return host[host.index(after: dot)...] == tls.dropFirst(2)
    }
  }
}
