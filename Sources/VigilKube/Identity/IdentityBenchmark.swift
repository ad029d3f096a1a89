import VigilCore
import VigilJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Measures the inventory on a synthetic cluster: realistic API-server pod JSON (with managed
/// fields, owner references, status) under Deployments and ReplicaSets, then IP lookups.
public enum IdentityBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Pods loaded.
    public var pods: Int
    /// Lookups timed.
    public var lookups: Int
    /// `IdentityIndex.resolve(ip:at:)` calls per second (hits and misses mixed, one core; the
    /// fastest of ten rounds).
    public var lookupsPerSecond: Double
    /// Pods decoded and applied per second.
    public var podsAppliedPerSecond: Double
    /// Resident memory growth while loading, per pod (bytes); 0 where `/proc` is unavailable.
    public var bytesPerPod: Double
    /// Resident memory growth while loading, in bytes.
    public var residentGrowth: Int
    /// How many lookups found a holder (a check that the lookups did work).
    public var hits: Int

    /// `10000 pods: 7.1 M lookups/s, 1210 B/pod (12.1 MB RSS growth), 52000 pods/s applied`.
    public var description: String {
      let millions = (lookupsPerSecond / 1e5).rounded() / 10
      return
        "\(pods) pods: \(millions) M lookups/s, \(Int(bytesPerPod)) B/pod "
        + "(\(residentGrowth / 1024) KiB RSS growth), \(Int(podsAppliedPerSecond)) pods/s applied"
    }
  }

  /// Builds an inventory of `pods` pods (10 per ReplicaSet, 20 namespaces) and times `lookups`
  /// resolutions of their IPs (one in eight an address nobody holds), in ten rounds.
  public static func run(pods: Int, lookups: Int) -> Result {
    let namespaces = 20
    let podsPerReplicaSet = 10
    let start = Timestamp(nanoseconds: 1_764_000_000_000_000_000)
    let residentBefore = ProcessMemory.residentBytes()
    let clock = ContinuousClock()
    var inventory = Inventory()
    var indexer = JSONIndexer()
    let loadStart = clock.now
    var replicaSets = 0
    while replicaSets * podsPerReplicaSet < pods {
      let namespace = "team-\(replicaSets % namespaces)"
      let deployment = "service-\(replicaSets / namespaces)"
      let hash = templateHash(replicaSets)
      for text in [
        SyntheticObjects.deployment(namespace: namespace, name: deployment, index: replicaSets),
        SyntheticObjects.replicaSet(
          namespace: namespace, deployment: deployment, hash: hash, index: replicaSets),
      ] {
        if let document = try? indexer.parse(Array(text.utf8)) {
          _ = try? inventory.apply(.added, object: document.root, at: start)
        }
      }
      replicaSets += 1
    }
    var addresses: [IPAddress] = []
    addresses.reserveCapacity(pods)
    for i in 0..<pods {
      let set = i / podsPerReplicaSet
      let namespace = "team-\(set % namespaces)"
      let deployment = "service-\(set / namespaces)"
      let ip = IPAddress(ipv4: 0x0AF4_0000 + UInt32(i / 250) << 8 + UInt32(i % 250 + 2))
      let text = SyntheticObjects.pod(
        namespace: namespace, deployment: deployment, hash: templateHash(set), index: i,
        ip: ip.description)
      if let document = try? indexer.parse(Array(text.utf8)) {
        _ = try? inventory.apply(.added, object: document.root, at: start)
      }
      addresses.append(ip)
    }
    let loadSeconds = seconds(clock.now - loadStart)
    indexer = JSONIndexer()  // drop the last document and the parse buffers before measuring
    let growth = max(0, ProcessMemory.residentBytes() - residentBefore)

    // One probe in eight misses (an address in the same range nobody holds).
    var probes: [IPAddress] = []
    probes.reserveCapacity(1 << 16)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for k in 0..<(1 << 16) {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      if k % 8 == 7 || addresses.isEmpty {
        probes.append(IPAddress(ipv4: 0x0AF5_0000 | UInt32(truncatingIfNeeded: state >> 48)))
      } else {
        probes.append(addresses[Int(state >> 33) % addresses.count])
      }
    }
    let index = inventory.identities
    let at = start.adding(.seconds(60))
    // Ten rounds; the fastest counts (the cores are shared, so slower rounds measure the
    // neighbours).
    var hits = 0
    var bestRate = 0.0
    let rounds = 10
    let perRound = max(1, lookups / rounds)
    var k = 0
    for _ in 0..<rounds {
      let roundStart = clock.now
      for _ in 0..<perRound {
        let resolution = index.resolve(ip: probes[k & 0xFFFF], at: at)
        if resolution.holder?.addressClass == .pod { hits += 1 }
        k += 1
      }
      let elapsed = seconds(clock.now - roundStart)
      if elapsed > 0 { bestRate = max(bestRate, Double(perRound) / elapsed) }
    }
    return Result(
      pods: pods, lookups: k, lookupsPerSecond: bestRate,
      podsAppliedPerSecond: loadSeconds > 0 ? Double(pods) / loadSeconds : 0,
      bytesPerPod: pods > 0 ? Double(growth) / Double(pods) : 0, residentGrowth: growth,
      hits: hits)
  }

  /// A pod-template hash like the ones Kubernetes generates (10 characters of its alphabet).
  static func templateHash(_ n: Int) -> String {
    let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    var value = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15 | 1
    var out = ""
    for _ in 0..<10 {
      out.append(alphabet[Int(value % UInt64(alphabet.count))])
      value /= UInt64(alphabet.count)
      if value == 0 { value = 0x2545_F491_4F6C_DD1D }
    }
    return out
  }

  static func seconds(_ duration: Duration) -> Double {
    let (s, a) = duration.components
    return Double(s) + Double(a) / 1e18
  }
}
