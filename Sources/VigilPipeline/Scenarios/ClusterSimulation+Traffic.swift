import VigilCore
import VigilNet

/// The flows: east-west calls through Services, DNS and HTTPS to external domains, kubelet
/// probes from the nodes and Prometheus scrapes, three times busier in working hours.
extension ClusterSimulation {
  /// One TCP (or UDP) flow record.
  mutating func flow(
    at time: Timestamp, from source: String, to destination: String, port: UInt16, proto: UInt8 = 6,
    bytesOut: UInt64, bytesIn: UInt64, outcome: FlowRecord.Outcome = .established,
    dnsName: String? = nil, node: String, seconds: Int = 1
  ) {
    let refused = outcome == .refused || outcome == .unreplied
    emit(
      .flow(
        FlowRecord(
          start: time, end: time.adding(.milliseconds(refused ? 1 : 200 + 1000 * seconds)),
          proto: proto, sourceIP: source, sourcePort: UInt16(random.int(32768...60999)),
          destinationIP: destination, destinationPort: port, outcome: outcome,
          bytesOut: refused ? 60 : bytesOut, bytesIn: refused ? 40 : bytesIn,
          packetsOut: refused ? 1 : max(1, bytesOut / 1200),
          packetsIn: refused ? 1 : max(1, bytesIn / 1200),
          dnsName: dnsName, node: node, source: "conntrack")))
  }

  /// About `mean`, ±50 %.
  mutating func bytes(around mean: UInt64) -> UInt64 {
    UInt64(random.count(around: Double(mean)))
  }

  /// A lookup of `domain` through kube-dns, then an HTTPS connection to it.
  mutating func external(
    from pod: ScenarioPod, domain: String, address: String, port: UInt16 = 443, at time: Timestamp,
    bytesOut: UInt64, bytesIn: UInt64, seconds: Int = 1
  ) {
    flow(
      at: time, from: pod.ip, to: cluster.dnsServiceIP, port: 53, proto: 17, bytesOut: 70,
      bytesIn: 130, node: pod.node.name)
    flow(
      at: time.adding(.milliseconds(5)), from: pod.ip, to: address, port: port, bytesOut: bytesOut,
      bytesIn: bytesIn, dnsName: domain, node: pod.node.name, seconds: seconds)
  }

  mutating func traffic(hour: Int, hourOfDay: Int) {
    let rhythm = isWorking(hour: hour) ? 3.0 : 1.0
    let hourStart = time(hour: hour)
    for workload in workloads where workload.kind != .cronJob {
      let running = pods[workload.label] ?? []
      for pod in running {
        calls(workload, pod: pod, rhythm: rhythm, from: hourStart, offset: 180...3599)
        // Kubelet readiness probes (sampled every 15 minutes) and Prometheus scrapes.
        guard workload.port != 0, workload.port != 53 else { continue }
        for quarter in 0..<4 {
          let at = hourStart.adding(.seconds(quarter * 900 + random.int(181...899)))
          flow(
            at: at, from: pod.node.address, to: pod.ip, port: workload.port, bytesOut: 120,
            bytesIn: 200, node: pod.node.name)
          if let prometheus = pods["monitoring/prometheus"]?.first {
            flow(
              at: at.adding(.seconds(7)), from: prometheus.ip, to: pod.ip, port: workload.port,
              bytesOut: 300, bytesIn: bytes(around: 9_000), node: prometheus.node.name)
          }
        }
      }
    }
  }

  /// A pod's calls to its peers and domains within `offset` seconds after `start`.
  mutating func calls(
    _ workload: ScenarioWorkload, pod: ScenarioPod, rhythm: Double, from start: Timestamp,
    offset: ClosedRange<Int>
  ) {
    for call in workload.calls {
      guard let service = serviceIPs["\(call.namespace)/\(call.name)"],
        let callee = workloads.first(where: {
          $0.namespace == call.namespace && $0.name == call.name
        })
      else { continue }
      for _ in 0..<random.count(around: call.perHour * rhythm) {
        flow(
          at: start.adding(.seconds(random.int(offset))), from: pod.ip, to: service,
          port: call.port,
          bytesOut: bytes(around: workload.bytesOut), bytesIn: bytes(around: callee.bytesOut),
          node: pod.node.name)
      }
    }
    for (domain, perHour) in workload.domains {
      guard let address = cluster.externalAddresses[domain] else { continue }
      for _ in 0..<random.count(around: perHour * rhythm) {
        external(
          from: pod, domain: domain, address: address,
          at: start.adding(.seconds(random.int(offset))),
          bytesOut: bytes(around: workload.bytesOut), bytesIn: bytes(around: 20_000))
      }
    }
  }

  /// A CronJob pod's work: its calls packed into its two minutes.
  mutating func cronTraffic(_ workload: ScenarioWorkload, pod: ScenarioPod, from start: Timestamp) {
    calls(workload, pod: pod, rhythm: 1, from: start, offset: 0...120)
  }
}
