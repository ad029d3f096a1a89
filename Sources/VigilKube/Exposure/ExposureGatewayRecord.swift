import VigilJSON

/// What the exposure model keeps of a `gateway.networking.k8s.io` Gateway.
struct ExposureGatewayRecord: Sendable, Hashable {
  /// Kubernetes metadata.
  var meta: ExposureObjectMeta
  /// `spec.listeners`.
  var listeners: [Exposure.Listener]
  /// `status.addresses[].value`, else `spec.addresses[].value`.
  var addresses: [String]
  /// `spec.gatewayClassName`.
  var gatewayClass: String?

  /// Reads a Gateway object.
  init(_ object: JSONValue, meta: ExposureObjectMeta) {
    self.meta = meta
    var listeners: [Exposure.Listener] = []
    object.value(atPath: "spec", "listeners")?.forEachElement { listener in
      guard let name = listener["name"]?.string, let port = listener["port"]?.int else { return }
      listeners.append(
        Exposure.Listener(
          name: name, hostname: listener["hostname"]?.string, port: Int(port),
          proto: listener["protocol"]?.string ?? "HTTP"))
    }
    self.listeners = listeners
    let status = object.value(atPath: "status", "addresses")?.elements ?? []
    let declared = object.value(atPath: "spec", "addresses")?.elements ?? []
    addresses = (status.isEmpty ? declared : status).compactMap { $0["value"]?.string }
    gatewayClass = object.value(atPath: "spec", "gatewayClassName")?.string
  }
}

/// What the exposure model keeps of an HTTPRoute (also GRPCRoute, TLSRoute, TCPRoute).
struct ExposureRouteRecord: Sendable, Hashable {
  /// A `parentRefs` entry naming a Gateway.
  struct Parent: Sendable, Hashable {
    /// The Gateway.
    var gateway: ObjectKey
    /// The listener's name, when the route attaches to one only.
    var sectionName: String?
    /// The listener port, when the route attaches by port.
    var port: Int?
  }

  /// Kubernetes metadata.
  var meta: ExposureObjectMeta
  /// Gateways it attaches to.
  var parents: [Parent]
  /// `spec.hostnames`.
  var hostnames: [String]
  /// One backend per (path, Service); `path` is the match path, `route` this route.
  var backends: [Exposure.Backend]

  /// Reads a route object.
  init(_ object: JSONValue, meta: ExposureObjectMeta) {
    self.meta = meta
    let namespace = meta.key.namespace
    let spec = object["spec"]
    var parents: [Parent] = []
    spec?["parentRefs"]?.forEachElement { ref in
      guard (ref["kind"]?.string ?? "Gateway") == "Gateway", let name = ref["name"]?.string else {
        return
      }
      parents.append(
        Parent(
          gateway: ObjectKey(
            kind: "Gateway", namespace: ref["namespace"]?.string ?? namespace, name: name),
          sectionName: ref["sectionName"]?.string, port: ref["port"]?.int.map { Int($0) }))
    }
    self.parents = parents
    hostnames = spec?["hostnames"]?.elements.compactMap(\.string) ?? []
    var backends: [Exposure.Backend] = []
    spec?["rules"]?.forEachElement { rule in
      var paths = (rule["matches"]?.elements ?? []).compactMap {
        $0.value(atPath: "path", "value")?.string
      }
      if paths.isEmpty { paths = ["/"] }
      rule["backendRefs"]?.forEachElement { ref in
        guard (ref["kind"]?.string ?? "Service") == "Service", let name = ref["name"]?.string else {
          return
        }
        let service = ObjectKey(
          kind: "Service", namespace: ref["namespace"]?.string ?? namespace, name: name)
        for path in paths {
          backends.append(
            Exposure.Backend(
              service: service, port: ExposureObjectMeta.intOrString(ref["port"]), path: path,
              route: meta.key))
        }
      }
    }
    self.backends = backends
  }

  /// Whether the route attaches to `listener` of `gateway`.
  func attaches(to gateway: ObjectKey, listener: Exposure.Listener) -> Bool {
    parents.contains { parent in
      parent.gateway == gateway && (parent.sectionName.map { $0 == listener.name } ?? true)
        && (parent.port.map { $0 == listener.port } ?? true)
    }
  }
}
