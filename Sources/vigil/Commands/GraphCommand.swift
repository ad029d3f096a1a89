import ArgumentParser
import Foundation
import VigilCore
import VigilNet
import VigilPipeline
import VigilStore

/// `vigil graph`: the network map from flow records, both ends named through the inventory.
struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Show the network map: who talks to whom, on which ports, grouped by namespace.",
    discussion: """
      Flows come from FILEs (Vigil flow JSON lines as the agent ships them, `hubble observe -o \
      json` lines, or AWS VPC Flow Logs v2–v5; detected per file unless --format is given; `-` \
      is standard input) and, without FILEs, from the flows node agents sent to `vigil serve` \
      (stored in --db). Both ends are named through the inventory imported with `vigil \
      inventory import` (or --snapshot files) at each flow's own time: workload, node, API \
      server, cloud metadata, or an external address with the DNS name the pod resolved. Edges \
      are marked when they leave a public entry point (+) or reach a sensitive service (!). \
      Unreadable lines are reported on standard error with file and line, and skipped.
      """)

  @Argument(help: "Flow files (none: the flows stored in --db).")
  var files: [String] = []

  @Option(help: "Input format of the files: vigil, hubble or vpc (default: detected).")
  var format: FlowInputFormat?

  @Option(help: "The SQLite database of `vigil serve` / `vigil inventory import`.")
  var db: String = "vigil.db"

  @Option(help: "Read the inventory from these kubectl JSON files instead of --db (repeatable).")
  var snapshot: [String] = []

  @Option(help: "Only edges with an end in this namespace.")
  var namespace: String?

  @Option(help: "Only edges seen since this time (RFC 3339) or this long ago (`1h`, `7d`).")
  var since: String?

  @Option(name: [.short, .customLong("output")], help: "text, json or dot (Graphviz).")
  var output: String = "text"

  func run() throws {
    guard ["text", "json", "dot"].contains(output) else {
      throw ValidationError("--output \(output): use text, json or dot")
    }
    let sinceTime = try since.map(Self.time)
    let haveInventory = !snapshot.isEmpty || FileManager.default.fileExists(atPath: db)
    let clusterSnapshot =
      haveInventory ? try ClusterSnapshotLoader.load(db: db, files: snapshot) : ClusterSnapshot()
    let resolver = try KubeEndpointResolver(snapshot: clusterSnapshot, at: Timestamp.now())
    var analysis = FlowGraphAnalysis(resolver: resolver)
    if files.isEmpty {
      guard FileManager.default.fileExists(atPath: db) else {
        throw ValidationError("no flow files given and no database at \(db)")
      }
      var decoder = VigilFlowDecoder(file: db)
      try SQLiteStore(path: db).forEachFlow(since: sinceTime) { flow in
        if case .record(let record) = decoder.next(line: flow.line) { analysis.add(record) }
      }
    }
    for file in files {
      let data: Data?
      if file == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
      } else {
        data = FileManager.default.contents(atPath: file)
      }
      guard let data else { throw ValidationError("cannot read \(file)") }
      analysis.add(text: String(decoding: data, as: UTF8.self), file: file, format: format)
    }
    for diagnostic in analysis.diagnostics {
      FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
    }
    if analysis.diagnosticCount > analysis.diagnostics.count {
      FileHandle.standardError.write(
        Data(
          "… \(analysis.diagnosticCount - analysis.diagnostics.count) more unreadable lines\n".utf8)
      )
    }
    let graph = analysis.finish().graph(namespace: namespace, since: sinceTime)
    switch output {
    case "json": print(graph.json())
    case "dot": print(graph.dot(), terminator: "")
    default: print(graph.text(), terminator: "")
    }
  }

  /// An RFC 3339 time, or a duration back from now.
  static func time(_ text: String) throws -> Timestamp {
    if let time = Timestamp(rfc3339: text) { return time }
    if let back = DurationText.parse(text) { return Timestamp.now().adding(.zero - back) }
    throw ValidationError("--since \(text): use an RFC 3339 time or a duration like 1h")
  }
}

extension FlowInputFormat: ExpressibleByArgument {}
