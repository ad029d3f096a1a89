import VigilCore
import VigilDetect

/// Fixed times and fact builders for the profile and novelty tests.
enum ProfileFixtures {
  /// 2025-11-24T16:00:00Z.
  static let origin = Timestamp(nanoseconds: 1_764_000_000_000_000_000)

  /// `origin` plus some hours.
  static func at(hours: Double) -> Timestamp {
    origin.adding(.milliseconds(Int64((hours * 3_600_000).rounded())))
  }

  static let api = EntityKey.workload(namespace: "payments", kind: "Deployment", name: "api")
  static let web = EntityKey.workload(namespace: "shop", kind: "Deployment", name: "web")
  static let deployer = EntityKey.serviceAccount(namespace: "ci", name: "deployer")

  static func fact(
    _ entity: EntityKey, _ category: FactCategory, _ value: String, hours: Double
  ) -> BehaviorFact {
    BehaviorFact(entity: entity, category: category, value: value, time: at(hours: hours))
  }

  /// `values` each `times` times, round robin, spread evenly from `from` to `to` hours.
  static func history(
    _ entity: EntityKey, _ category: FactCategory, _ values: [String], times: Int,
    from: Double = 0, to: Double
  ) -> [BehaviorFact] {
    let total = values.count * times
    return (0..<total).map { i in
      let hours = from + (to - from) * Double(i) / Double(max(1, total))
      return fact(entity, category, values[i % values.count], hours: hours)
    }
  }

  /// Feeds facts to a book; returns the findings.
  @discardableResult
  static func feed(_ book: inout ProfileBook, _ facts: [BehaviorFact]) -> [NoveltyFinding] {
    facts.compactMap { book.observe($0) }
  }

  /// A book where `api` talked to 3 peers 1,000 times each over 14 days (stable, settled).
  static func settledBook(configuration: ProfileBook.Configuration = .init()) -> ProfileBook {
    var book = ProfileBook(configuration: configuration)
    feed(
      &book,
      history(
        api, .peer, ["db:5432/tcp", "cache:6379/tcp", "auth:8443/tcp"], times: 1_000, to: 14 * 24))
    return book
  }

  /// Builds an observation.
  static func observation(_ facts: [BehaviorFact], rollouts: [EntityKey] = [])
    -> BehaviorObservation
  {
    var observation = BehaviorObservation()
    observation.facts = facts
    observation.rollouts = rollouts
    return observation
  }
}
