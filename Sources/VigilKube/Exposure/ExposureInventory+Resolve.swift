extension ExposureInventory {
  /// The objects whose entry points depend on `key`: the Ingresses and Gateways that lead to a
  /// Service, the Gateways a route attaches to, the Services that select a pod.
  func dependents(of key: ObjectKey) -> Set<ObjectKey> {
    var out: Set<ObjectKey> = []
    switch key.kind {
    case "Service":
      for (ingressKey, ingress) in ingresses where ingressKey.namespace == key.namespace {
        if ingress.rules.values.contains(where: { $0.contains { $0.service == key.name } }) {
          out.insert(ingressKey)
        }
      }
      for route in routes.values where route.backends.contains(where: { $0.service == key }) {
        out.formUnion(route.parents.map(\.gateway))
      }
    case "Pod":
      guard resolver.containers == nil || resolver.workloads == nil,
        let pod = pods[key.namespace]?[key.name]
      else {
        break
      }
      for serviceKey in servicesByNamespace[key.namespace] ?? []
      where services[serviceKey].map({ Self.selects($0.selector, pod.meta.labels) }) ?? false {
        out.insert(serviceKey)
        out.formUnion(dependents(of: serviceKey))
      }
    case let kind where Self.routeKinds.contains(kind):
      out.formUnion(routes[key]?.parents.map(\.gateway) ?? [])
    default:
      break
    }
    return out
  }

  /// Whether a non-empty Service selector matches a pod's labels.
  static func selects(_ selector: [String: String], _ labels: [String: String]) -> Bool {
    !selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }
  }

  /// Running pods in `namespace` that `selector` selects.
  func selectedPods(namespace: String, selector: [String: String]) -> [ExposurePodRecord] {
    guard !selector.isEmpty, let recorded = pods[namespace], let index = podLabels[namespace] else {
      return []
    }
    // Start from the label with the fewest pods, then check the rest of the selector.
    var smallest: Set<String>?
    for (label, value) in selector {
      let names = index["\(label)=\(value)"] ?? []
      if names.count < smallest?.count ?? Int.max { smallest = names }
    }
    var out: [ExposurePodRecord] = []
    for name in smallest ?? [] {
      guard let pod = recorded[name], !pod.finished, Self.selects(selector, pod.meta.labels) else {
        continue
      }
      out.append(pod)
    }
    return out.sorted { $0.meta.key.name < $1.meta.key.name }
  }

  /// What is behind a Service: its workloads and their containers, from the resolver where it
  /// answers, else from the recorded pods it selects.
  func behind(_ service: ExposureServiceRecord) -> (
    workloads: [WorkloadReference], containers: [SensitivityClassifier.Container]
  ) {
    let namespace = service.meta.key.namespace
    let selector = service.selector
    var selected: [ExposurePodRecord] = []
    if resolver.workloads == nil || resolver.containers == nil {
      selected = selectedPods(namespace: namespace, selector: selector)
    }
    return (
      resolver.workloads?(namespace, selector) ?? selected.map(workload(of:)),
      resolver.containers?(namespace, selector) ?? selected.flatMap(\.containers)
    )
  }

  /// A pod's workload: the resolver's answer, else its controller, else the pod itself.
  func workload(of pod: ExposurePodRecord) -> WorkloadReference {
    let key = pod.meta.key
    return resolver.podWorkload?(key, pod.owner) ?? pod.owner
      ?? WorkloadReference(kind: "Pod", namespace: key.namespace, name: key.name)
  }

  /// The workloads behind the recorded Services among `backends`, and the most sensitive of them.
  func behind(_ backends: [Exposure.Backend]) -> (
    workloads: [WorkloadReference], sensitivity: Sensitivity?
  ) {
    var workloads: [WorkloadReference] = []
    var best: Sensitivity?
    for key in Set(backends.map(\.service)).sorted() {
      guard let service = services[key] else { continue }
      let (found, containers) = behind(service)
      workloads += found
      guard let sensitivity = classifier.classify(service.subject(containers: containers)) else {
        continue
      }
      if best.map({ $0.level < sensitivity.level }) ?? true { best = sensitivity }
    }
    return (workloads, best)
  }
}
