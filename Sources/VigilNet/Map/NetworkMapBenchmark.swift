import VigilCore

/// Measures attribution and aggregation on synthetic flows over a synthetic cluster (thousands
/// of pods in 20 namespaces, external addresses with DNS names): flow records attributed and
/// counted into the map per second on one core, next to a ceiling measured in the same run (a
/// loop that only reads each record's ports, counters and address lengths).
public enum NetworkMapBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Flow records attributed and aggregated per round.
    public var flows: Int
    /// Attributed and aggregated flows per second (the fastest of the rounds).
    public var flowsPerSecond: Double
    /// Records read per second by the ceiling loop (the fastest of the rounds).
    public var ceilingPerSecond: Double
    /// `flowsPerSecond / ceilingPerSecond`.
    public var ratio: Double
    /// Edges in the map at the end.
    public var edges: Int
    /// Nodes in the map at the end.
    public var nodes: Int
    /// A checksum of the ceiling loop (keeps it from being optimized away).
    public var checksum: UInt64

    /// `1000000 flows: 2.1 M flows/s attributed+aggregated; ceiling 95 M/s (2.2 %); 4200 edges`.
    public var description: String {
      let rate = (flowsPerSecond / 1e5).rounded() / 10
      let ceiling = (ceilingPerSecond / 1e5).rounded() / 10
      let percent = (ratio * 1000).rounded() / 10
      return
        "\(flows) flows: \(rate) M flows/s attributed+aggregated; ceiling \(ceiling) M records/s "
        + "(\(percent) %); \(edges) edges, \(nodes) nodes"
    }
  }

  /// Runs `rounds` rounds of `flows` synthetic records over `pods` pods.
  public static func run(flows: Int, pods: Int = 5_000, rounds: Int = 5) -> Result {
    let (resolver, records) = synthetic(pods: pods, distinct: min(max(flows, 1), 1 << 16))
    return measure(records: records, resolver: resolver, flows: flows, rounds: rounds)
  }

  /// Attributes and aggregates `flows` records (cycling through `records`, a power of two long)
  /// with `resolver`, best of `rounds`, next to the ceiling loop over the same records.
  public static func measure<R: EndpointResolving>(
    records: [FlowRecord], resolver: R, flows: Int, rounds: Int = 5
  ) -> Result {
    guard !records.isEmpty, records.count & (records.count - 1) == 0 else {
      return Result(
        flows: 0, flowsPerSecond: 0, ceilingPerSecond: 0, ratio: 0, edges: 0, nodes: 0,
        checksum: 0)
    }
    let clock = ContinuousClock()
    var best = 0.0
    var bestCeiling = 0.0
    var checksum: UInt64 = 0
    var map = NetworkMap()
    for _ in 0..<max(1, rounds) {
      var attributor = FlowAttributor()
      map = NetworkMap()
      let start = clock.now
      for k in 0..<flows {
        if let attributed = attributor.attribute(
          records[k & (records.count - 1)], resolver: resolver)
        {
          map.add(attributed)
        }
      }
      let elapsed = seconds(clock.now - start)
      if elapsed > 0 { best = max(best, Double(flows) / elapsed) }

      let ceilingStart = clock.now
      var sum: UInt64 = 0
      for k in 0..<flows {
        let record = records[k & (records.count - 1)]
        sum &+= UInt64(record.destinationPort) &+ UInt64(record.sourcePort)
        sum &+= (record.bytesOut ?? 0) &+ (record.bytesIn ?? 0)
        sum &+= UInt64(record.sourceIP.utf8.count &+ record.destinationIP.utf8.count)
      }
      let ceilingElapsed = seconds(clock.now - ceilingStart)
      checksum = sum
      if ceilingElapsed > 0 { bestCeiling = max(bestCeiling, Double(flows) / ceilingElapsed) }
    }
    return Result(
      flows: flows, flowsPerSecond: best, ceilingPerSecond: bestCeiling,
      ratio: bestCeiling > 0 ? best / bestCeiling : 0, edges: map.edgeCount, nodes: map.nodeCount,
      checksum: checksum)
  }

  /// A resolver over `pods` pods (10 per workload, 20 namespaces) and 1,000 named external
  /// addresses, and `distinct` flows between them (a power of two): 70 % east-west, 30 % egress.
  static func synthetic(pods: Int, distinct: Int) -> (StaticEndpointResolver, [FlowRecord]) {
    var resolver = StaticEndpointResolver()
    resolver.addClusterRange("10.244.0.0/16")
    var podIPs: [String] = []
    for i in 0..<max(1, pods) {
      let ip = podIP(i)
      let workload = i / 10
      resolver.hold(
        ip,
        as: .workload(
          namespace: "team-\(workload % 20)", kind: "Deployment", name: "service-\(workload / 20)",
          pod: "service-\(workload / 20)-\(i)"),
        marks: workload % 50 == 0
          ? EndpointMarks(
            sensitivity: .init(level: .high, product: "postgres", reason: "postgres (port 5432)"))
          : .none)
      podIPs.append(ip)
    }
    return (resolver, records(podIPs: podIPs, distinct: distinct))
  }

  /// The address of synthetic pod `i` (`10.244.x.y`).
  public static func podIP(_ i: Int) -> String { "10.244.\(i / 250).\(i % 250 + 2)" }

  /// `distinct` (rounded up to a power of two) synthetic flows from `podIPs` to each other (70 %;
  /// pods of one workload are 10 consecutive addresses) and to 1,000 named external addresses.
  public static func records(podIPs: [String], distinct: Int) -> [FlowRecord] {
    guard !podIPs.isEmpty else { return [] }
    let externals = (0..<1_000).map { "93.184.\($0 / 250).\($0 % 250 + 1)" }
    var size = 1
    while size < distinct { size <<= 1 }
    var records: [FlowRecord] = []
    records.reserveCapacity(size)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let start = Timestamp(nanoseconds: 1_764_000_000_000_000_000)
    for k in 0..<size {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let source = podIPs[Int(state >> 33) % podIPs.count]
      let external = (state >> 20) % 10 < 3
      let destinationIndex = Int(state >> 40)
      let destination =
        external
        ? externals[destinationIndex % externals.count]
        : podIPs[(destinationIndex / 10 * 10) % podIPs.count]
      records.append(
        FlowRecord(
          start: start.adding(.milliseconds(k)), end: start.adding(.milliseconds(k + 40)),
          proto: 6, sourceIP: source, sourcePort: UInt16(32768 + k % 28000),
          destinationIP: destination,
          destinationPort: external ? 443 : UInt16(8080 + destinationIndex % 3),
          outcome: k % 17 == 0 ? .refused : .established, bytesOut: UInt64(500 + k % 1000),
          bytesIn: UInt64(4000 + k % 9000), packetsOut: 6, packetsIn: 8,
          dnsName: external ? "api-\(destinationIndex % externals.count / 4).example.com" : nil,
          source: "conntrack"))
    }
    return records
  }

  /// A duration in seconds.
  public static func seconds(_ duration: Duration) -> Double {
    let (s, a) = duration.components
    return Double(s) + Double(a) / 1e18
  }
}
