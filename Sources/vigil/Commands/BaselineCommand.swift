import ArgumentParser
import Foundation
import VigilCore
import VigilDetect
import VigilPipeline
import VigilStore

/// `vigil baseline`: look at learned profiles and tell them what is normal. Changes are stored
/// with the alerts; the running server applies them within seconds (and again after a restart).
struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract: "List and show learned profiles; accept an alert's new values, lock, unlock.",
    discussion: """
      Example: vigil baseline accept 42   (the alert's new peer becomes part of the profile)
      """,
    subcommands: [
      BaselineListCommand.self, BaselineShowCommand.self, BaselineAcceptCommand.self,
      BaselineLockCommand.self, BaselineUnlockCommand.self,
    ])

  /// The profiles the store holds for both streams.
  static func profiles(_ store: SQLiteStore) throws -> [(
    stream: String, record: EntityProfileRecord
  )] {
    var out: [(String, EntityProfileRecord)] = []
    for stream in ["audit", "flows"] {
      let restored = BaselineStorage.snapshot(try store.profiles(stream: stream))
      for record in restored.snapshot?.records ?? [] { out.append((stream, record)) }
    }
    return out
  }
}

/// `vigil baseline list`.
struct BaselineListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "Every saved profile: entity, state, age, facts per category.")

  @Option(help: "The SQLite database `vigil serve` uses.")
  var db: String = "vigil.db"

  func run() throws {
    let store = try SQLiteStore(path: db)
    let profiles = try BaselineCommand.profiles(store)
    if profiles.isEmpty { print("no saved profiles (the server saves them every few minutes)") }
    for (stream, record) in profiles {
      let categories = record.body.categories.map {
        "\($0.category.rawValue) \($0.distinct)/\($0.observations)"
      }.joined(separator: ", ")
      print(
        "\(record.key)  [\(stream), \(record.body.locked ? "locked" : record.state)]  "
          + "since \(record.firstObservation), "
          + "last \(record.lastObservation)  \(categories)")
    }
  }
}

/// `vigil baseline show ENTITY`.
struct BaselineShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "One profile's known values per category, most frequent first.")

  @Option(help: "The SQLite database `vigil serve` uses.")
  var db: String = "vigil.db"

  @Argument(help: "The entity, e.g. workload:payments/Deployment/api or user:alice@example.com.")
  var entity: String

  func run() throws {
    let store = try SQLiteStore(path: db)
    let matches = try BaselineCommand.profiles(store).filter { $0.record.key == entity }
    guard !matches.isEmpty else { throw ValidationError("no saved profile for \(entity)") }
    for (stream, record) in matches {
      print("\(record.key)  [\(stream), \(record.state)]  since \(record.firstObservation)")
      for category in record.body.categories {
        print(
          "  \(category.category.rawValue): \(category.distinct) values in "
            + "\(category.observations) observations (\(category.singletons) seen once)")
        for known in category.values.prefix(20) {
          print("    \(known.value)  ×\(known.count)  last \(known.lastSeen)")
        }
      }
    }
  }
}

/// `vigil baseline accept ALERT`.
struct BaselineAcceptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accept",
    abstract: "Fold the new values a novelty alert names into its profile (no more alerts on them)."
  )

  @Option(help: "The SQLite database `vigil serve` uses.")
  var db: String = "vigil.db"

  @Option(help: "Who accepts it (default: $USER).")
  var by: String?

  @Argument(help: "The alert's id (`vigil alerts` shows it).")
  var alert: Int64

  func run() throws {
    let store = try SQLiteStore(path: db)
    guard let stored = try store.alert(id: alert) else {
      throw ValidationError("no alert \(alert) in \(db)")
    }
    let facts = NoveltyDetector.facts(in: stored.alert)
    guard !facts.isEmpty else {
      throw ValidationError(
        "alert \(alert) (\(stored.alert.rule)) is not a baseline novelty alert: nothing to accept")
    }
    let feedback = try BaselineFeedbackApplier.accept(
      facts, at: .now(), by: by ?? ProcessInfo.processInfo.environment["USER"])
    let added = try store.add(feedback)
    let values = facts.map(\.value).joined(separator: ", ")
    print(
      "accepted for \(facts[0].entity) (\(facts[0].category.rawValue)): \(values) "
        + "(feedback \(added.id ?? 0); the server applies it within seconds)")
  }
}

/// `vigil baseline lock ENTITY`.
struct BaselineLockCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lock", abstract: "Freeze a profile: it learns nothing and alerts on anything new."
  )

  @Option(help: "The SQLite database `vigil serve` uses.")
  var db: String = "vigil.db"

  @Argument(help: "The entity, e.g. workload:payments/Deployment/api.")
  var entity: String

  func run() throws { try BaselineLockCommand.store(.lock, entity: entity, db: db) }

  static func store(_ action: BaselineFeedback.Action, entity: String, db: String) throws {
    guard let key = EntityKey(text: entity) else {
      throw ValidationError(
        "\(entity): expected workload:NS/KIND/NAME, serviceAccount:NS/NAME, user:NAME or namespace:NAME"
      )
    }
    let store = try SQLiteStore(path: db)
    let added = try store.add(
      BaselineFeedback(
        action: action, entity: key.description, created: .now(),
        createdBy: ProcessInfo.processInfo.environment["USER"]))
    print("\(action.rawValue) \(key) (feedback \(added.id ?? 0); applied within seconds)")
  }
}

/// `vigil baseline unlock ENTITY`.
struct BaselineUnlockCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unlock", abstract: "Let a locked profile learn again.")

  @Option(help: "The SQLite database `vigil serve` uses.")
  var db: String = "vigil.db"

  @Argument(help: "The entity, e.g. workload:payments/Deployment/api.")
  var entity: String

  func run() throws { try BaselineLockCommand.store(.unlock, entity: entity, db: db) }
}
