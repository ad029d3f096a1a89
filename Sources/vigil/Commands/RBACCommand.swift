import ArgumentParser
import Foundation
import VigilKube
import VigilPipeline

/// `vigil rbac`: questions to the effective-permission model.
struct RBACCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rbac", abstract: "Answer RBAC questions from the imported objects.",
    subcommands: [RBACWhoCanCommand.self])
}

/// `vigil rbac who-can VERB RESOURCE [-n NS]`.
struct RBACWhoCanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "who-can",
    abstract: "Who can do VERB on RESOURCE (in a namespace), and through which binding.",
    discussion:
      "Example: vigil rbac who-can get secrets -n prod ; vigil rbac who-can create pods/exec")

  @Argument(help: "The verb (get, list, create, impersonate, …).")
  var verb: String

  @Argument(
    help:
      "The resource, optionally with a subresource (secrets, pods/exec) or group (deployments.apps)."
  )
  var resource: String

  @Option(name: .shortAndLong, help: "The namespace (omit for cluster-wide bindings only).")
  var namespace: String?

  @Option(help: "The object name, for rules limited by resourceNames.")
  var name: String?

  @Option(help: "The SQLite database written by `vigil inventory import`.")
  var db: String = "vigil.db"

  @Option(help: "Read these kubectl JSON files instead of the database (repeatable).")
  var snapshot: [String] = []

  func run() throws {
    let model = try ClusterSnapshotLoader.load(db: db, files: snapshot).rbac()
    var resourcePart = resource
    var subresource: String?
    if let slash = resource.firstIndex(of: "/") {
      resourcePart = String(resource[..<slash])
      subresource = String(resource[resource.index(after: slash)...])
    }
    var group = ""
    if let dot = resourcePart.firstIndex(of: ".") {
      group = String(resourcePart[resourcePart.index(after: dot)...])
      resourcePart = String(resourcePart[..<dot])
    }
    let answers = model.whoCan(
      verb: verb, resource: resourcePart, apiGroup: group, subresource: subresource,
      namespace: namespace, name: name)
    let place = namespace.map { "in namespace \($0)" } ?? "cluster-wide"
    if answers.isEmpty { print("nobody can \(verb) \(resource) \(place)") }
    for answer in answers { print(answer.description) }
  }
}
