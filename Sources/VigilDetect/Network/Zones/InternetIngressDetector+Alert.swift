import VigilCore
import VigilNet

extension InternetIngressDetector {
  /// The alert for one window of a (destination, port) pair.
  func alert(_ released: FlowWindows<Target>.Released) -> Alert {
    let group = released.group
    let flow = group.first
    let record = flow.flow
    let sensitivity = flow.destinationMarks.sensitivity
    let severity: Severity =
      group.established == 0 ? .warning : (sensitivity?.level == .high ? .critical : .error)
    let sources = group.sources.joined(separator: ", ")
    let more = group.sources.count >= FlowWindows<Target>.maxPorts ? " …" : ""
    var output =
      "Connection from the internet (\(sources)\(more)) to \(flow.destination.label) on port "
      + "\(record.destinationPort)/\(NetworkGraph.protocolName(record.proto)), which has no "
      + "declared exposure (no LoadBalancer, NodePort, Ingress or hostPort leads to it): "
      + group.countText
    if let sensitivity { output += "; sensitive: \(sensitivity.reason)" }
    let fields =
      [
        AlertField(name: "vigil.ingress.sources", value: group.sources.joined(separator: ",")),
        AlertField(name: "vigil.sensitivity.product", value: sensitivity?.product),
      ] + group.countFields
    var alert = FlowAlert.make(
      rule: Self.rule, severity: severity, flow: flow, output: output, tags: Self.tags,
      fields: fields,
      dedupKey: [released.key.destination.id, String(released.key.port)],
      count: group.count, lastSeen: group.lastSeen)
    // The object is the workload reached (the source is an address outside the cluster), as
    // an audit alert names the object acted on and the client's address.
    let destination = flow.destination
    alert.subject = AlertSubject(
      sourceIP: record.sourceIP,
      namespace: destination.namespace.isEmpty ? nil : destination.namespace,
      resource: destination.kind == .workload
        ? destination.workloadKind.lowercased() : destination.kind.rawValue,
      name: destination.name)
    return alert
  }
}
