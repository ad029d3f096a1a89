import ArgumentParser
import Foundation
import VigilCore
import VigilPipeline
import VigilStore

/// `vigil suppress`: stop alerting on something for a while, with a reason, stored with the
/// alerts (the running server re-reads them every few seconds).
struct SuppressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "suppress",
    abstract: "Add, list and remove alert suppressions.",
    discussion: """
      Example: vigil suppress add --rule "Attach/Exec Pod" --namespace payments --for 24h \
      --reason "INC-42: debugging the payment API"
      """,
    subcommands: [SuppressAddCommand.self, SuppressListCommand.self, SuppressRemoveCommand.self])
}

/// `vigil suppress add`.
struct SuppressAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Suppress the alerts matching every criterion given.")

  @Option(help: "The SQLite database `vigil serve` (or `vigil analyze`) uses.")
  var db: String = "vigil.db"

  @Option(help: "Only alerts of this rule or detector (exact name).")
  var rule: String?

  @Option(help: "Only alerts about objects in this namespace.")
  var namespace: String?

  @Option(help: "Only alerts about this user.")
  var user: String?

  @Option(help: "Only alerts about the object with this name.")
  var name: String?

  @Option(name: .customLong("for"), help: "How long it lasts (30m, 24h, 7d); omit for no expiry.")
  var duration: String?

  @Option(help: "Why (required; shown with the suppression).")
  var reason: String

  @Option(help: "Who adds it (default: $USER).")
  var by: String?

  func validate() throws {
    guard rule != nil || namespace != nil || user != nil || name != nil else {
      throw ValidationError("name at least one of --rule, --namespace, --user, --name")
    }
    guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ValidationError("--reason must say why")
    }
  }

  func run() throws {
    let now = Timestamp.now()
    var expires: Timestamp?
    if let duration {
      guard let parsed = DurationText.parse(duration), parsed > .zero else {
        throw ValidationError("--for \(duration): not a duration (examples: 30m, 24h, 7d)")
      }
      expires = now.adding(parsed)
    }
    let store = try SQLiteStore(path: db)
    let stored = try store.add(
      Suppression(
        rule: rule, namespace: namespace, user: user, name: name, reason: reason,
        createdBy: by ?? ProcessInfo.processInfo.environment["USER"], created: now,
        expires: expires))
    print("suppression \(stored.id ?? 0) added: \(SuppressListCommand.describe(stored))")
  }
}

/// `vigil suppress list`.
struct SuppressListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List suppressions in force (all with --all).")

  @Option(help: "The SQLite database.")
  var db: String = "vigil.db"

  @Flag(help: "Also list expired suppressions.")
  var all = false

  func run() throws {
    guard FileManager.default.fileExists(atPath: db) else {
      throw ValidationError("no database at \(db)")
    }
    let store = try SQLiteStore(path: db)
    let list = try store.suppressions(activeAt: all ? nil : Timestamp.now())
    if list.isEmpty { print(all ? "no suppressions" : "no suppressions in force") }
    for suppression in list { print("\(suppression.id ?? 0)\t\(Self.describe(suppression))") }
  }

  /// `rule=… namespace=… until … by … — reason`.
  static func describe(_ suppression: Suppression) -> String {
    var parts: [String] = []
    if let rule = suppression.rule { parts.append("rule=\(rule)") }
    if let namespace = suppression.namespace { parts.append("namespace=\(namespace)") }
    if let user = suppression.user { parts.append("user=\(user)") }
    if let name = suppression.name { parts.append("name=\(name)") }
    parts.append(
      suppression.expires.map { "until \($0.rfc3339(fractionDigits: 0))" } ?? "no expiry")
    if let by = suppression.createdBy { parts.append("by \(by)") }
    return parts.joined(separator: " ") + " — \(suppression.reason)"
  }
}

/// `vigil suppress remove`.
struct SuppressRemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove a suppression by its id (see `vigil suppress list`).")

  @Option(help: "The SQLite database.")
  var db: String = "vigil.db"

  @Argument(help: "The suppression's id.")
  var id: Int64

  func run() throws {
    let store = try SQLiteStore(path: db)
    guard try store.removeSuppression(id: id) else {
      throw ValidationError("no suppression with id \(id)")
    }
    print("suppression \(id) removed")
  }
}
