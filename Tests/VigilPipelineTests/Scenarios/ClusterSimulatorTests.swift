import Testing
import VigilAudit
import VigilCore
import VigilNet
import VigilPipeline

/// The simulated cluster: deterministic for a seed, time-ordered, decodable, realistic volumes.
@Suite struct ClusterSimulatorTests {
  static func history(seed: UInt64, days: Int = 2, attacks: [ScenarioAttack.Kind] = [])
    -> ClusterSimulator.Output
  {
    var configuration = ClusterSimulator.Configuration()
    configuration.seed = seed
    configuration.days = days
    configuration.attacks = attacks
    return ClusterSimulator.run(configuration)
  }

  static func fingerprint(_ history: ClusterSimulator.Output) -> [String] {
    history.events.map { event in
      switch event {
      case .audit(let time, let line): "\(time.nanoseconds) \(line)"
      case .flow(let flow):
        "\(flow.start.nanoseconds) \(flow.sourceIP) \(flow.destinationIP):\(flow.destinationPort) \(flow.bytesOut ?? 0)"
      case .inventory(let time, let type, let object):
        "\(time.nanoseconds) \(type.rawValue) \(object)"
      }
    }
  }

  @Test func sameSeedSameHistoryOtherSeedOtherHistory() {
    let first = Self.fingerprint(Self.history(seed: 7, attacks: ScenarioAttack.Kind.allCases))
    let again = Self.fingerprint(Self.history(seed: 7, attacks: ScenarioAttack.Kind.allCases))
    let other = Self.fingerprint(Self.history(seed: 8, attacks: ScenarioAttack.Kind.allCases))
    #expect(first == again)
    #expect(first != other)
  }

  @Test func historyIsOrderedDecodableAndCompact() {
    let history = Self.history(seed: 1, days: 2)
    let times = history.events.map(\.time)
    #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(history.snapshot.problems.isEmpty)
    // Low tens of thousands of events per simulated day at most.
    let perDay = history.events.count / 2
    #expect(perDay > 3_000 && perDay < 40_000, "events per day: \(perDay)")
    var lines = 0
    var failures: [String] = []
    for case .audit(_, let line) in history.events {
      lines += 1
      let (events, diagnostics) = AuditDecoder().decode(text: line)
      if events.count != 1 || !diagnostics.isEmpty { failures.append(line) }
    }
    #expect(lines > 1_000)
    #expect(failures.isEmpty, "not decoded: \(failures.prefix(2))")
  }

  @Test func attacksAreInjectedAfterLearningWithTheirEntities() {
    let history = Self.history(seed: 3, days: 3, attacks: ScenarioAttack.Kind.allCases)
    #expect(history.attacks.count == ScenarioAttack.Kind.allCases.count)
    for attack in history.attacks {
      #expect(attack.injectedAt >= history.learningEnd, "\(attack.id)")
      #expect(attack.injectedAt < history.end, "\(attack.id)")
      #expect(!attack.entities.isEmpty)
    }
    // The benign part is the same with or without attacks before the first injection.
    let benign = Self.history(seed: 3, days: 3)
    let first = history.attacks.map(\.injectedAt).min() ?? history.end
    let before = Self.fingerprint(
      ClusterSimulator.Output(
        snapshot: history.snapshot, events: history.events.filter { $0.time < first }, attacks: [],
        start: history.start, learningEnd: history.learningEnd, end: history.end))
    let benignBefore = Self.fingerprint(
      ClusterSimulator.Output(
        snapshot: benign.snapshot, events: benign.events.filter { $0.time < first }, attacks: [],
        start: benign.start, learningEnd: benign.learningEnd, end: benign.end))
    #expect(before == benignBefore)
  }
}
