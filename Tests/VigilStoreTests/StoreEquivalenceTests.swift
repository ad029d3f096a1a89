import Testing
import VigilCore
import VigilStore

/// Every backend answers a mixed workload of queries exactly like the in-memory reference.
@Suite("Store equivalence")
struct StoreEquivalenceTests {
  /// A small deterministic generator (SplitMix64), so failures reproduce.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
    mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }
  }

  static let users = ["alice", "bob", "system:serviceaccount:ci:deployer", "ünï \"quoted\" \\"]
  static let namespaces: [String?] = ["default", "prod", "kube-system", nil]
  static let verbs = ["get", "list", "create", "delete", "patch"]
  static let resources: [String?] = ["pods", "secrets", "clusterrolebindings", nil]
  static let rules = ["Exec", "RBAC", "Secret read", "Anonymous"]

  @Test("random writes and queries agree with InMemoryStore", arguments: StoreFactories.all)
  func agreesWithReference(factory: any StoreFactory) throws {
    let scoped = try factory.make()
    defer { scoped.cleanup() }
    let reference = InMemoryStore()
    var random = Generator(state: 42)
    for round in 0..<8 {
      var events: [Event] = []
      var alerts: [Alert] = []
      for index in 0..<60 {
        let second = Int64(random.next(600))
        events.append(
          try StoreFixtures.auditEvent(
            id: "r\(round)-\(index % 40)", at: second, user: random.pick(Self.users),
            groups: Array(Self.users.prefix(random.next(3))), verb: random.pick(Self.verbs),
            namespace: random.pick(Self.namespaces), resource: random.pick(Self.resources),
            line: index))
        if index % 4 == 0 {
          alerts.append(
            StoreFixtures.alert(
              rule: random.pick(Self.rules), severity: Severity.allCases[random.next(8)],
              at: second, dedupKey: "key-\(random.next(6))", user: random.pick(Self.users),
              namespace: random.pick(Self.namespaces),
              output: "output \(random.pick(Self.users)) \(index)", auditID: "a-\(round)-\(index)"))
        }
      }
      for store in [scoped.store, reference as any Store] {
        try store.write(events: events, alerts: alerts, window: .seconds(120))
      }
    }
    var nonEmpty = (events: 0, alerts: 0)
    for _ in 0..<60 {
      let since = random.next(3) == 0 ? StoreFixtures.at(Int64(random.next(600))) : nil
      let until = random.next(3) == 0 ? StoreFixtures.at(Int64(random.next(600))) : nil
      let eventQuery = EventQuery(
        since: since, until: until,
        auditID: random.next(4) == 0 ? "r\(random.next(8))-\(random.next(40))" : nil,
        user: random.next(3) == 0 ? random.pick(Self.users) : nil,
        namespace: random.next(3) == 0 ? random.pick(Self.namespaces) : nil,
        resource: random.next(3) == 0 ? random.pick(Self.resources) : nil,
        verb: random.next(3) == 0 ? random.pick(Self.verbs) : nil,
        limit: random.next(2) == 0 ? random.next(50) : nil,
        order: random.next(2) == 0 ? .newestFirst : .oldestFirst)
      let expectedEvents = try reference.events(eventQuery)
      #expect(try scoped.store.events(eventQuery) == expectedEvents, "\(eventQuery)")
      if !expectedEvents.isEmpty { nonEmpty.events += 1 }
      let alertQuery = AlertQuery(
        since: since, until: until,
        minimumSeverity: random.next(2) == 0 ? Severity.allCases[random.next(8)] : nil,
        rules: Array(Self.rules.prefix(random.next(3))),
        namespace: random.next(3) == 0 ? random.pick(Self.namespaces) : nil,
        user: random.next(3) == 0 ? random.pick(Self.users) : nil,
        text: random.next(3) == 0 ? random.pick(Self.users) : nil,
        limit: random.next(2) == 0 ? random.next(10) : nil,
        order: random.next(2) == 0 ? .newestFirst : .oldestFirst)
      let expectedAlerts = try reference.alerts(alertQuery).map(\.record)
      #expect(try scoped.store.alerts(alertQuery).map(\.record) == expectedAlerts, "\(alertQuery)")
      if !expectedAlerts.isEmpty { nonEmpty.alerts += 1 }
    }
    // The workload must exercise the queries, not only compare empty answers.
    #expect(nonEmpty.events >= 20 && nonEmpty.alerts >= 10, "\(nonEmpty)")
    #expect(try scoped.store.counts() == reference.counts())
    let cutoff = StoreFixtures.at(300)
    #expect(try scoped.store.deleteOlder(than: cutoff) == reference.deleteOlder(than: cutoff))
    #expect(try scoped.store.alerts(.all).map(\.record) == reference.alerts(.all).map(\.record))
  }
}
