import VigilAnomaly
import VigilCore

/// Measures ``EdgeBurstDetector`` on one core: a synthetic stream of entity edges (workloads
/// talking to a few peers each, one tick per minute), against a ceiling measured in the same
/// run over the same edges: the FNV-1a hashing of both ids alone, the least any detector keyed
/// by these strings must do. MIDAS-R alone on the pre-hashed ids is reported too.
public enum EdgeBurstBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Edges per round.
    public var edges: Int
    /// Full detector (hash, tick counts, MIDAS-R, totals): edges per second, fastest round.
    public var edgesPerSecond: Double
    /// MIDAS-R alone on pre-hashed ids: edges per second, fastest round.
    public var midasPerSecond: Double
    /// Hashing both ids alone: edges per second, fastest round.
    public var ceilingPerSecond: Double
    /// Alerts the detector raised (a check that it ran; the stream has a burst).
    public var alerts: Int
    /// A value folded from the ceiling loop's hashes, so the loop is not optimized away.
    public var checksum: UInt64

    /// The detector's rate over the hashing ceiling.
    public var ratio: Double { ceilingPerSecond > 0 ? edgesPerSecond / ceilingPerSecond : 0 }

    /// `1000000 edges: 4.1 M edges/s (MIDAS-R alone 20.3 M/s; hashing ceiling 30.2 M/s, 14 %)`.
    public var description: String {
      "\(edges) edges: \(millions(edgesPerSecond)) M edges/s (MIDAS-R alone "
        + "\(millions(midasPerSecond)) M/s; hashing ceiling \(millions(ceilingPerSecond)) M/s, "
        + "\(Int((ratio * 100).rounded())) %), \(alerts) alert(s)"
    }

    private func millions(_ rate: Double) -> Double { (rate / 1e5).rounded() / 10 }
  }

  /// Times `edges` edges among `entities` workloads (each talking to 4 peers, 600 edges a
  /// minute, one 300-edge burst in the middle), in `rounds` rounds; the fastest round counts.
  public static func run(edges: Int, entities: Int = 500, rounds: Int = 5) -> Result {
    let names = (0..<max(1, entities)).map { "team-\($0 % 20)/Deployment/service-\($0)" }
    let keys = (0..<max(1, entities)).map {
      EntityKey.workload(namespace: "team-\($0 % 20)", kind: "Deployment", name: "service-\($0)")
    }
    let start = Timestamp(nanoseconds: 1_793_577_600 * 1_000_000_000)
    var stream: [EntityEdge] = []
    stream.reserveCapacity(edges)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let burstAt = edges / 2
    for i in 0..<edges {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let inBurst = i >= burstAt && i < burstAt + 300
      let source = inBurst ? 0 : Int(state >> 33) % names.count
      let peer = inBurst ? 1 : (source + 1 + Int((state >> 20) & 3)) % names.count
      // 600 edges a minute: ticks advance with the stream.
      let time = start.adding(.milliseconds(i * 100))
      stream.append(
        EntityEdge(
          source: names[source], destination: names[peer] + ":8080/tcp", time: time,
          entity: keys[source]))
    }
    let clock = ContinuousClock()
    var best = (detector: 0.0, midas: 0.0, ceiling: 0.0)
    var alerts = 0
    var sink: UInt64 = 0
    for _ in 0..<max(1, rounds) {
      var t = clock.now
      for edge in stream {
        sink ^= StableHash.fnv1a64(edge.source) &+ StableHash.fnv1a64(edge.destination)
      }
      best.ceiling = max(best.ceiling, rate(edges, clock.now - t))

      let hashed = stream.map {
        (
          StableHash.fnv1a64($0.source), StableHash.fnv1a64($0.destination),
          Int($0.time.seconds / 60)
        )
      }
      var midas = MIDASR(seed: 1)
      t = clock.now
      var total = 0.0
      for (source, destination, tick) in hashed {
        total += midas.score(source: source, destination: destination, time: tick).value
      }
      best.midas = max(best.midas, rate(edges, clock.now - t))
      sink ^= UInt64(truncatingIfNeeded: Int(total.isFinite ? min(total, 1e15) : 0))

      var configuration = EdgeBurstDetector.Configuration()
      configuration.learning = .zero  // the synthetic bursts come early
      var detector = EdgeBurstDetector(configuration: configuration)
      t = clock.now
      var raised = 0
      for edge in stream { raised += detector.observe(edge).count }
      raised += detector.advance(to: start.adding(.seconds(Int64(edges) / 10 + 60))).count
      best.detector = max(best.detector, rate(edges, clock.now - t))
      alerts = raised
    }
    return Result(
      edges: edges, edgesPerSecond: best.detector, midasPerSecond: best.midas,
      ceilingPerSecond: best.ceiling, alerts: alerts, checksum: sink)
  }

  static func rate(_ count: Int, _ duration: Duration) -> Double {
    let (s, a) = duration.components
    let seconds = Double(s) + Double(a) / 1e18
    return seconds > 0 ? Double(count) / seconds : 0
  }
}
