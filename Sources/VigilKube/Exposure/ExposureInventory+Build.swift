import VigilCore

extension ExposureInventory {
  /// The entry points the recorded object `key` creates now.
  func build(_ key: ObjectKey, at time: Timestamp) -> [Exposure] {
    switch key.kind {
    case "Service": services[key].map { serviceExposures($0, at: time) } ?? []
    case "Ingress": ingresses[key].map { ingressExposures($0, at: time) } ?? []
    case "Gateway": gateways[key].map { gatewayExposures($0, at: time) } ?? []
    case "Pod": pods[key.namespace]?[key.name].map { podExposures($0, at: time) } ?? []
    default: []
    }
  }

  /// LoadBalancer or NodePort by type, and the Service's external IPs.
  func serviceExposures(_ service: ExposureServiceRecord, at time: Timestamp) -> [Exposure] {
    let key = service.meta.key
    let (workloads, containers) = behind(service)
    let sensitivity = classifier.classify(service.subject(containers: containers))
    func exposure(_ kind: Exposure.Kind, entry: String, addresses: [String]) -> Exposure {
      Exposure(
        id: Exposure.ID(source: key, entry: entry), kind: kind, addresses: addresses,
        ports: service.ports, backends: [Exposure.Backend(service: key)],
        selector: service.selector,
        workloads: workloads, sourceRanges: kind == .loadBalancer ? service.sourceRanges : [],
        isInternal: kind == .loadBalancer && service.isInternal, sensitivity: sensitivity,
        manager: service.meta.manager, firstSeen: time)
    }
    var out: [Exposure] = []
    switch service.type {
    case "LoadBalancer":
      out.append(
        exposure(.loadBalancer, entry: "service", addresses: service.loadBalancerAddresses))
    case "NodePort":
      out.append(exposure(.nodePort, entry: "service", addresses: []))
    default:
      break
    }
    if !service.externalIPs.isEmpty {
      out.append(exposure(.externalIP, entry: "externalIPs", addresses: service.externalIPs))
    }
    return out
  }

  /// One entry point per host.
  func ingressExposures(_ ingress: ExposureIngressRecord, at time: Timestamp) -> [Exposure] {
    let key = ingress.meta.key
    return ingress.rules.keys.sorted().map { host in
      let paths = ingress.rules[host] ?? []
      let backends = paths.compactMap { path in
        path.service.map {
          Exposure.Backend(
            service: ObjectKey(kind: "Service", namespace: key.namespace, name: $0),
            port: path.port,
            path: path.path)
        }
      }
      let (workloads, sensitivity) = behind(backends)
      return Exposure(
        id: Exposure.ID(source: key, entry: "host:\(host)"), kind: .ingressRule,
        addresses: ingress.addresses, host: host, paths: paths.map(\.path),
        tls: ingress.hasTLS(host: host), backends: backends, workloads: workloads,
        sensitivity: sensitivity, manager: ingress.meta.manager, firstSeen: time)
    }
  }

  /// One entry point per listener, leading to the backends of the routes attached to it.
  func gatewayExposures(_ gateway: ExposureGatewayRecord, at time: Timestamp) -> [Exposure] {
    let key = gateway.meta.key
    let attached = routes.values.sorted { $0.meta.key < $1.meta.key }
    return gateway.listeners.map { listener in
      var backends: [Exposure.Backend] = []
      var paths: [String] = []
      for route in attached where route.attaches(to: key, listener: listener) {
        let hosts = route.hostnames.isEmpty ? [listener.hostname ?? "*"] : route.hostnames
        for backend in route.backends {
          backends.append(backend)
          paths += hosts.map { $0 + (backend.path ?? "/") }
        }
      }
      let (workloads, sensitivity) = behind(backends)
      return Exposure(
        id: Exposure.ID(source: key, entry: "listener:\(listener.name)"), kind: .gatewayListener,
        addresses: gateway.addresses,
        ports: [Exposure.Port(name: listener.name, port: listener.port, proto: listener.proto)],
        host: listener.hostname ?? "*", paths: paths,
        tls: listener.proto == "HTTPS" || listener.proto == "TLS", listener: listener,
        backends: backends, workloads: workloads, sensitivity: sensitivity,
        manager: gateway.meta.manager, firstSeen: time)
    }
  }

  /// hostNetwork, else hostPort, for a running pod.
  func podExposures(_ pod: ExposurePodRecord, at time: Timestamp) -> [Exposure] {
    guard !pod.finished, pod.hostNetwork || !pod.nodePorts.isEmpty else { return [] }
    let kind: Exposure.Kind = pod.hostNetwork ? .hostNetwork : .hostPort
    let subject = SensitivityClassifier.Subject(
      name: pod.meta.key.name, labels: pod.meta.labels, annotations: pod.meta.annotations,
      ports: pod.nodePorts, containers: pod.containers)
    return [
      Exposure(
        id: Exposure.ID(source: pod.meta.key, entry: kind.rawValue), kind: kind,
        addresses: pod.hostIP.map { [$0] } ?? [], ports: pod.nodePorts,
        workloads: [workload(of: pod)], sensitivity: classifier.classify(subject),
        manager: pod.meta.manager, firstSeen: time)
    ]
  }
}
