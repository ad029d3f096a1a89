import VigilCore
import VigilNet

extension ZoneDetectorsBenchmark {
  /// `count` flows over one hour: mostly east-west inside namespaces, some dev → prod database
  /// (a few of them crossings), egress on 443 and 80, ingress to exposed and unexposed workloads.
  static func syntheticFlows(_ count: Int) -> [AttributedFlow] {
    let namespaces = ["prod", "payments-prod", "staging", "dev-shop", "team-a", "qa"]
    var workloads: [NetworkEndpoint] = []
    for (n, namespace) in namespaces.enumerated() {
      for w in 0..<20 {
        workloads.append(
          .workload(
            namespace: namespace, kind: "Deployment", name: "svc-\(n)-\(w)",
            pod: "svc-\(n)-\(w)-abc12")
        )
      }
    }
    let database = NetworkEndpoint.workload(
      namespace: "prod", kind: "StatefulSet", name: "postgres", pod: "postgres-0")
    let databaseMarks = EndpointMarks(
      sensitivity: .init(level: .high, product: "postgres", reason: "postgres (image postgres)"))
    let exposed = EndpointMarks(isPublicEntry: true)
    let hosts = (0..<50).map { i in
      NetworkEndpoint.external(
        address: "93.184.\(i / 250).\(i % 250 + 1)", scope: .publicInternet,
        dnsName: "host\(i).example.com")
    }
    let client = NetworkEndpoint.external(address: "198.51.100.7", scope: .publicInternet)
    let start = Timestamp(nanoseconds: 1_764_000_000_000_000_000)
    var out: [AttributedFlow] = []
    out.reserveCapacity(count)
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for i in 0..<count {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let pick = Int(truncatingIfNeeded: seed >> 33)
      let time = start.adding(.milliseconds(i * 3_600_000 / max(count, 1)))
      let source = workloads[pick % workloads.count]
      var destination = workloads[(pick / 7) % workloads.count]
      var marks = EndpointMarks.none
      var from = source
      var port: UInt16 = 8080
      switch pick % 100 {
      case 0..<5:
        destination = database
        marks = databaseMarks
        port = 5432
      case 5..<20:
        destination = hosts[pick % hosts.count]
        port = 443
      case 20..<23:
        destination = hosts[pick % hosts.count]
        port = 80
      case 23..<26:
        from = client
        marks = pick % 2 == 0 ? exposed : .none
        port = 8443
      default: break
      }
      let record = FlowRecord(
        start: time, end: time.adding(.milliseconds(40)), proto: 6,
        sourceIP: from.address ?? "10.244.\(pick % 200).\(pick % 250)",
        sourcePort: UInt16(truncatingIfNeeded: 32768 + pick % 20000),
        destinationIP: destination.address ?? "10.244.9.\(pick % 250)", destinationPort: port,
        outcome: .established, bytesOut: 512, bytesIn: 2048, packetsOut: 6, packetsIn: 5,
        dnsName: destination.dnsName, node: "node-1", source: "conntrack")
      out.append(
        AttributedFlow(
          flow: record, source: from, destination: destination, destinationMarks: marks))
    }
    return out
  }
}
