import ArgumentParser
import Foundation
import VigilAnomaly
import VigilCore
import VigilDemo
import VigilDetect
import VigilKube
import VigilNet
import VigilPipeline
import VigilRules

#if canImport(Glibc)
  import Glibc
#endif

/// `vigil bench`: throughput of the audit path as ratios to a newline scan of the same file.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure throughput: JSON reader, decoder and the whole analyze path, on one core.",
    discussion: """
      Generates a realistic audit log (default 100,000 events), then measures each stage and the \
      whole `analyze` path with the rules loaded, each as events/s, MB/s and as a ratio to a \
      newline scan of the same bytes in the same run. Peak memory is measured by running \
      `vigil analyze` on the log and on a quarter of it in child processes. Build with \
      `swift build -c release` first: debug builds are 10-50x slower.
      """)

  @Option(help: "Events in the generated log.")
  var events: Int = 100_000

  @Option(help: "Use this JSON-lines audit log instead of generating one.")
  var file: String?

  @Option(help: "Repetitions per stage (the best is reported).")
  var repetitions: Int = 3

  @OptionGroup var rules: RuleOptions

  @Option(
    help: "Measure the IP → identity index instead: pods in the synthetic cluster (e.g. 10000).")
  var identityPods: Int?

  @Flag(
    help: """
      Measure the network path instead: conntrack netlink decoding, DNS packet parsing, and flow \
      attribution + aggregation (synthetic and through the cluster model).
      """)
  var network = false

  @Flag(
    help: """
      Measure the learned baselines instead: profile updates (facts/s and memory per 10,000 \
      entities), rate and edge-burst detectors, and the raw models (Half-Space Trees, MIDAS).
      """)
  var anomaly = false

  func run() throws {
    if anomaly {
      print("profiles: \(ProfileBenchmark.run(facts: 2_000_000, entities: 10_000))")
      print("rates: \(RateDetectorBenchmark.run(observations: 2_000_000, entities: 6_000))")
      print("edge bursts: \(EdgeBurstBenchmark.run(edges: 2_000_000))")
      print("models: \(AnomalyBenchmark.run(points: 200_000, edges: 2_000_000))")
      return
    }
    if network {
      print("conntrack: \(ConntrackBenchmark.run(messages: 1_000_000))")
      print("dns capture: \(DNSCaptureBenchmark.run(packets: 200_000, distinct: 4_096))")
      print("attribution (static resolver): \(NetworkMapBenchmark.run(flows: 1_000_000))")
      print(
        "attribution (cluster model, 5,000 pods): \(KubeAttributionBenchmark.run(flows: 1_000_000))"
      )
      print("scan + lateral movement detectors: \(ScanDetectorBenchmark.run(flows: 1_000_000))")
      print(
        "zone, plaintext HTTP, ingress detectors: \(ZoneDetectorsBenchmark.run(flows: 1_000_000))")
      print("threat intel: \(ThreatIntelBenchmark.run())")
      print("exposure paths: \(ExposurePathBenchmark.run())")
      print("all network detectors: \(NetworkDetectionBenchmark.run(flows: 1_000_000))")
      return
    }
    if let identityPods {
      // Lookups/s on one core and resident memory per pod, on realistic pod JSON.
      let result = IdentityBenchmark.run(pods: identityPods, lookups: 2_000_000)
      let ceiling = Self.dictionaryLookupsPerSecond(keys: identityPods, lookups: 2_000_000)
      print("identity: \(result)")
      print(
        "ceiling: a Dictionary<UInt32, Int> of \(identityPods) addresses, same probe pattern: "
          + "\(Summary.fixed(ceiling / 1e6, 1)) M lookups/s; identity index ÷ ceiling = "
          + Summary.fixed(result.lookupsPerSecond / ceiling, 3))
      print(
        "memory per 10,000 pods: \(Summary.bytes(Int(result.bytesPerPod * 10_000))); "
          + "lookups that found a holder: \(result.hits)")
      return
    }
    let path = try file ?? Self.generate(events: events)
    var bench = try ThroughputBenchmark(path: path)
    bench.repetitions = repetitions
    let ruleFiles = try rules.ruleFiles()
    let ruleSet = try rules.load()
    print(
      "log: \(path): \(Summary.grouped(bench.lines.count)) events, \(Summary.bytes(bench.bytes.count))"
    )
    print(
      "rules: \(ruleSet.rules.count) rules from \(ruleFiles.map(\.lastPathComponent).joined(separator: ", "))"
    )
    let memchrScan = bench.newlineScan()
    let byteScan = bench.byteLoopScan()
    var stages = [memchrScan, byteScan, bench.jsonIndex(), bench.decode()]
    stages.append(try analyzeStage(bench: bench, path: path, rules: ruleSet))
    print("")
    print(Self.row("stage", "events/s", "MB/s", "÷ byte-loop scan", "÷ memchr scan"))
    for stage in stages {
      print(
        Self.row(
          stage.name, Summary.grouped(Int(stage.eventsPerSecond)),
          Summary.fixed(stage.megabytesPerSecond, 1),
          Summary.fixed(byteScan.seconds / stage.seconds, 4),
          Summary.fixed(memchrScan.seconds / stage.seconds, 4)))
    }
    try memory(path: path, ruleFiles: ruleFiles, lines: bench.lines.count)
  }

  /// The best of five rounds of `lookups` probes (one in eight a miss) into a plain dictionary
  /// of `keys` IPv4 addresses: what a lookup costs with no history, classification or names.
  static func dictionaryLookupsPerSecond(keys: Int, lookups: Int) -> Double {
    let base: UInt32 = 0x0AF4_0000
    let table = Dictionary(
      uniqueKeysWithValues: (0..<UInt32(max(keys, 1))).map { (base &+ $0, Int($0)) })
    var generator = SystemRandomNumberGenerator()
    let probes = (0..<65_536).map { index -> UInt32 in
      index % 8 == 0
        ? 0xC0A8_0000 &+ UInt32(index)
        : base &+ UInt32.random(in: 0..<UInt32(max(keys, 1)), using: &generator)
    }
    var best = Double.infinity
    var sum = 0
    for _ in 0..<5 {
      let start = ContinuousClock.now
      for index in 0..<lookups { sum &+= table[probes[index & 65_535]] ?? 0 }
      let (seconds, attoseconds) = (ContinuousClock.now - start).components
      best = min(best, Double(seconds) + Double(attoseconds) / 1e18)
    }
    if sum == 42 { print("") }  // keeps the loop from being optimized away
    return Double(lookups) / best
  }

  /// The whole analyze path (decode, dedup, rules, detectors, aggregation) without a store.
  private func analyzeStage(bench: ThroughputBenchmark, path: String, rules: RuleSet) throws
    -> ThroughputBenchmark.Stage
  {
    var configuration = AuditAnalysis.Configuration()
    configuration.inputs = [path]
    configuration.storedEvents = .none
    var alerts = 0
    var events = 0
    let analysis = AuditAnalysis(configuration: configuration, rules: rules, store: nil)
    var failure: (any Error)?
    let seconds = bench.best {
      do {
        let summary = try analysis.run(onAlert: { _ in })
        alerts = summary.alertCount
        events = summary.events
      } catch { failure = error }
    }
    if let failure { throw failure }
    print("analyze: \(Summary.grouped(events)) events, \(alerts) alerts")
    return .init(
      name: "analyze (rules + detectors)", seconds: seconds, bytes: bench.bytes.count,
      events: events)
  }

  /// Peak resident memory of `vigil analyze` on a quarter of the log and on all of it.
  private func memory(path: String, ruleFiles: [URL], lines: Int) throws {
    let quarter = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-bench-quarter.jsonl"
    ).path
    let handle = try String(contentsOfFile: path, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: true)
    try (handle.prefix(max(1, lines / 4)).joined(separator: "\n") + "\n").write(
      toFile: quarter, atomically: true, encoding: .utf8)
    let small = try Self.peakMemory(of: quarter, ruleFiles: ruleFiles)
    let full = try Self.peakMemory(of: path, ruleFiles: ruleFiles)
    print("")
    print(
      "peak memory of `vigil analyze --no-db`: \(Summary.bytes(small)) on \(Summary.grouped(lines / 4)) events, \(Summary.bytes(full)) on \(Summary.grouped(lines)) events (ratio \(Summary.fixed(Double(full) / Double(max(1, small)), 2)) for 4x the input)"
    )
  }

  /// Runs this executable's `analyze` on `path` in a child process (posix_spawn, no shell) and
  /// reads the peak resident memory it reports in its summary (its own `VmHWM`: measuring from
  /// the parent would count the parent's pages, which a vfork-style spawn shares until exec).
  static func peakMemory(of path: String, ruleFiles: [URL]) throws -> Int {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    let report = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-bench-child-\(getpid()).txt").path
    defer { try? FileManager.default.removeItem(atPath: report) }
    let arguments =
      [executable, "analyze", "--no-db", "--no-progress", "--quiet-diagnostics", "-o", "json"]
      + ruleFiles.flatMap { ["--rules", $0.path] } + [path]
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, report, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?] =
      ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in argv + envp { free(p) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, executable, &actions, nil, &argv, &envp) == 0 else {
      throw ThroughputBenchmark.BenchmarkError(message: "could not start \(executable)")
    }
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
    let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
    guard let line = text.split(separator: "\n").first(where: { $0.contains("memory      peak") })
    else {
      throw ThroughputBenchmark.BenchmarkError(message: "no memory figure from the child: \(text)")
    }
    let words = line.split(separator: " ")
    guard let peak = words.firstIndex(of: "peak"), peak + 2 < words.count,
      let value = Double(words[peak + 1])
    else { return 0 }
    let scale: Double = ["B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9][String(words[peak + 2])] ?? 1
    return Int(value * scale)
  }

  /// Writes the generated log to a temporary file.
  static func generate(events: Int) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-bench-\(events).jsonl"
    ).path
    if FileManager.default.fileExists(atPath: path) { return path }
    let lines = DemoAuditLog.benchmarkLog(events: events)
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  private static func row(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String) -> String
  {
    func pad(_ s: String, _ w: Int) -> String {
      s + String(repeating: " ", count: max(1, w - s.count))
    }
    return pad(a, 30) + pad(b, 14) + pad(c, 10) + pad(d, 18) + e
  }
}
