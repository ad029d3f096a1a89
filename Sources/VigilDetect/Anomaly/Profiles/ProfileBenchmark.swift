import VigilCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Measures the profile book: facts per second on the fast path (known values, the steady
/// state) against a ceiling measured in the same run (a loop hashing the same facts' entity and
/// value, the two hashes the book cannot avoid), and resident memory per 10,000 entities with a
/// realistic mix (20 peers, 5 domains, 30 API-call shapes each, drawn from shared pools).
public enum ProfileBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Facts timed per round.
    public var facts: Int
    /// Entities the facts belong to.
    public var entities: Int
    /// `ProfileBook.observe` calls per second (fastest of five rounds, one core).
    public var factsPerSecond: Double
    /// The hashing loop's rate over the same facts (fastest of five rounds).
    public var ceilingPerSecond: Double
    /// `factsPerSecond ÷ ceilingPerSecond`.
    public var ratio: Double
    /// Entities built for the memory measurement.
    public var memoryEntities: Int
    /// Resident memory growth while building them (bytes; 0 where `/proc` is unavailable).
    public var residentGrowth: Int
    /// Resident bytes per entity.
    public var bytesPerEntity: Double
    /// Resident bytes per 10,000 entities.
    public var bytesPer10kEntities: Double
    /// Findings in the timed rounds (0 expected: every value is known; a check that the
    /// rounds did the fast path).
    public var findings: Int

    /// `2000000 facts over 10000 entities: 2.1 M facts/s (ceiling 9.5 M/s, 22 %); 10000
    /// entities: 31 MiB per 10k (3250 B each)`.
    public var description: String {
      let rate = (factsPerSecond / 1e5).rounded() / 10
      let ceiling = (ceilingPerSecond / 1e5).rounded() / 10
      let percent = (ratio * 100).rounded()
      return
        "\(facts) facts over \(entities) entities: \(rate) M facts/s (ceiling \(ceiling) M/s, "
        + "\(Int(percent)) %); \(memoryEntities) entities: "
        + "\(Int(bytesPer10kEntities / 1_048_576)) MiB per 10k (\(Int(bytesPerEntity)) B each)"
    }
  }

  /// Times `facts` facts spread over `entities` entities (after one learning pass), and builds
  /// `memoryEntities` profiles to measure memory.
  public static func run(facts: Int, entities: Int, memoryEntities: Int = 10_000) -> Result {
    let mix = Mix()
    // Memory first, before anything else has grown the heap.
    let before = ProcessMemory.residentBytes()
    var memoryBook = ProfileBook()
    let start = Timestamp(nanoseconds: 1_764_000_000_000_000_000)
    for e in 0..<max(0, memoryEntities) {
      let entity = mix.entity(e)
      for (category, value) in mix.values(of: e) {
        for repeatIndex in 0..<2 {
          let time = start.adding(.seconds(e + repeatIndex))
          _ = memoryBook.observe(
            BehaviorFact(entity: entity, category: category, value: value, time: time))
        }
      }
    }
    let growth = max(0, ProcessMemory.residentBytes() - before)
    let profiles = memoryBook.profileCount
    memoryBook = ProfileBook()

    // Throughput: facts drawn at random from each entity's values.
    let count = max(1, facts)
    let population = max(1, entities)
    let keys = (0..<population).map(mix.entity)
    let values = (0..<population).map(mix.values(of:))
    var random: UInt64 = 0x9E37_79B9_7F4A_7C15
    var stream: [BehaviorFact] = []
    stream.reserveCapacity(count)
    for i in 0..<count {
      random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let e = Int(random >> 33) % population
      let options = values[e]
      let (category, value) = options[Int(random >> 13 & 0xFFFFF) % options.count]
      stream.append(
        BehaviorFact(
          entity: keys[e], category: category, value: value,
          time: start.adding(.milliseconds(i))))
    }
    var book = ProfileBook()
    for fact in stream { _ = book.observe(fact) }  // learning pass
    for (e, options) in values.enumerated() {
      for (category, value) in options {
        _ = book.observe(
          BehaviorFact(entity: keys[e], category: category, value: value, time: start))
      }
    }
    let clock = ContinuousClock()
    var best = 0.0
    var bestCeiling = 0.0
    var findings = 0
    var sink = 0
    for _ in 0..<5 {
      let t0 = clock.now
      for fact in stream where book.observe(fact) != nil { findings += 1 }
      let elapsed = seconds(clock.now - t0)
      if elapsed > 0 { best = max(best, Double(count) / elapsed) }
      let t1 = clock.now
      for fact in stream {
        var hasher = Hasher()
        hasher.combine(fact.entity)
        sink ^= hasher.finalize()
        var value = Hasher()
        value.combine(fact.value)
        sink ^= value.finalize()
      }
      let ceilingElapsed = seconds(clock.now - t1)
      if ceilingElapsed > 0 { bestCeiling = max(bestCeiling, Double(count) / ceilingElapsed) }
    }
    if sink == 42 { findings += 0 }  // keeps the ceiling loop from being optimized away
    return Result(
      facts: count, entities: population, factsPerSecond: best, ceilingPerSecond: bestCeiling,
      ratio: bestCeiling > 0 ? best / bestCeiling : 0, memoryEntities: profiles,
      residentGrowth: growth,
      bytesPerEntity: profiles > 0 ? Double(growth) / Double(profiles) : 0,
      bytesPer10kEntities: profiles > 0 ? Double(growth) / Double(profiles) * 10_000 : 0,
      findings: findings)
  }

  /// A realistic fact mix: workloads in 50 namespaces, each with 20 peers (from 2,000
  /// services), 5 domains (from 500) and 30 API-call shapes (from 600).
  struct Mix {
    let peers = (0..<2_000).map {
      "team-\($0 % 50)/Deployment/service-\($0):\(8000 + $0 % 100)/tcp"
    }
    let domains = (0..<500).map { "api-\($0).vendor-\($0 % 37).example.com" }
    let calls = (0..<600).map { i in
      let verbs = ["get", "list", "watch", "create", "update", "patch"]
      let resources = ["pods", "configmaps", "secrets", "services", "leases", "events", "jobs"]
      return
        "\(verbs[i % verbs.count]) \(resources[i / verbs.count % resources.count]) team-\(i % 50)"
    }

    func entity(_ e: Int) -> EntityKey {
      .workload(namespace: "team-\(e % 50)", kind: "Deployment", name: "workload-\(e)")
    }

    func values(of e: Int) -> [(FactCategory, String)] {
      var out: [(FactCategory, String)] = []
      out.reserveCapacity(55)
      for k in 0..<20 { out.append((.peer, peers[(e &* 31 &+ k &* 97) % peers.count])) }
      for k in 0..<5 { out.append((.domain, domains[(e &* 17 &+ k &* 53) % domains.count])) }
      for k in 0..<30 { out.append((.apiCall, calls[(e &* 13 &+ k &* 41) % calls.count])) }
      return out
    }
  }

  static func seconds(_ duration: Duration) -> Double {
    let (s, a) = duration.components
    return Double(s) + Double(a) / 1e18
  }
}
