import ArgumentParser
import Foundation
import VigilCore
import VigilDetect
import VigilKube
import VigilNet
import VigilPipeline
import VigilStore

/// `vigil exposure`: every entry point into the cluster and what it leads to.
struct ExposureCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exposure",
    abstract: "List the cluster's entry points: LoadBalancers, NodePorts, Ingress rules, …",
    discussion: """
      From the objects stored by `vigil inventory import` (or --snapshot files): every \
      LoadBalancer and NodePort Service, external IP, Ingress rule, Gateway listener, hostPort \
      and hostNetwork pod, with the Services and workloads behind it and whether a sensitive \
      service (database, cache, vault …) sits directly behind it.
      """)

  @Option(help: "The SQLite database written by `vigil inventory import`.")
  var db: String = "vigil.db"

  @Option(help: "Read these kubectl JSON files instead of the database (repeatable).")
  var snapshot: [String] = []

  @Option(name: [.short, .customLong("output")], help: "table or json.")
  var output: String = "table"

  @Flag(help: "Only entry points in front of sensitive services.")
  var sensitiveOnly = false

  @Flag(
    help: """
      List the paths from public entry points to sensitive services: over observed flows (those \
      agents sent, in --db, or --flows files) up to 3 hops, and the last hops NetworkPolicies \
      would allow though no flow was seen.
      """)
  var paths = false

  @Option(help: "Flow files for --paths (Vigil, Hubble or VPC format; default: the stored flows).")
  var flows: [String] = []

  @Option(help: "With --paths: only flows seen since this time (RFC 3339) or this long ago.")
  var since: String?

  func run() throws {
    let snapshot = try ClusterSnapshotLoader.load(db: db, files: self.snapshot)
    let inventory = try snapshot.inventory(at: Timestamp.now())
    if paths {
      try printPaths(snapshot: snapshot, inventory: inventory)
      return
    }
    var list = snapshot.exposures(inventory: inventory).list()
    if sensitiveOnly { list = list.filter { $0.sensitivity != nil } }
    switch output {
    case "json": print(Exposure.json(list))
    case "table":
      if list.isEmpty { print("no entry points") }
      for exposure in list {
        let (severity, reason) = exposure.assessment
        let label = severity.falcoName.uppercased().padding(
          toLength: 9, withPad: " ", startingAt: 0)
        print("\(label) \(exposure.subject): \(exposure.details)")
        let behind = exposure.workloads.map(\.description) + exposure.backends.map(\.description)
        if !behind.isEmpty { print("          → \(behind.joined(separator: ", "))") }
        print("          \(reason)")
      }
    default:
      throw ValidationError("--output \(output): use table or json")
    }
  }
}

extension ExposureCommand {
  /// `--paths`: the exposure paths over the observed map and the snapshot's policies.
  func printPaths(snapshot: ClusterSnapshot, inventory: Inventory) throws {
    let exposures = snapshot.exposures(inventory: inventory)
    let resolver = KubeEndpointResolver(inventory: inventory, exposures: exposures)
    var analysis = FlowGraphAnalysis(resolver: resolver)
    let sinceTime = try since.map(GraphCommand.time)
    if flows.isEmpty {
      if FileManager.default.fileExists(atPath: db) {
        var decoder = VigilFlowDecoder(file: db)
        try SQLiteStore(path: db).forEachFlow(since: sinceTime) { flow in
          if case .record(let record) = decoder.next(line: flow.line) { analysis.add(record) }
        }
      }
    }
    for file in flows {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw ValidationError("cannot read \(file)")
      }
      analysis.add(text: String(decoding: data, as: UTF8.self), file: file)
    }
    for diagnostic in analysis.diagnostics {
      FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
    }
    let graph = analysis.finish().graph(since: sinceTime)
    let policies = snapshot.networkPolicies(inventory: inventory)
    for skipped in policies.skipped {
      FileHandle.standardError.write(Data("NetworkPolicy skipped: \(skipped)\n".utf8))
    }
    let found = ExposurePaths(
      exposures: exposures.list(), graph: graph,
      workloads: ExposurePathWorkloads(inventory: inventory), policies: policies)
    switch output {
    case "json": print(found.json)
    case "table": print(found.text, terminator: found.text.hasSuffix("\n") ? "" : "\n")
    default: throw ValidationError("--output \(output): use table or json")
    }
  }
}

/// Where the offline commands get the cluster's objects: files given, else the store.
enum ClusterSnapshotLoader {
  static func load(db: String, files: [String]) throws -> ClusterSnapshot {
    if files.isEmpty {
      guard FileManager.default.fileExists(atPath: db) else {
        throw ValidationError("no database at \(db): run `vigil inventory import FILE` first")
      }
      return try ClusterSnapshot(store: SQLiteStore(path: db))
    }
    var snapshot = ClusterSnapshot()
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw ValidationError("cannot read \(file)")
      }
      snapshot.add(file: file, bytes: [UInt8](data), at: Timestamp.now())
    }
    return snapshot
  }
}
