import Foundation
import Testing
import VigilCore
import VigilNet
import VigilTesting

/// `vigil graph` as a user runs it: flow files and an inventory snapshot in, the map out as text,
/// JSON and Graphviz DOT; bad lines reported on standard error with file and line.
@Suite struct GraphCommandTests {
  static let inventory = """
    {"apiVersion":"v1","kind":"List","items":[
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d9f8b6c5d-a","namespace":"shop",
     "uid":"u1","creationTimestamp":"2026-11-29T00:00:00Z","labels":{"app":"web","pod-template-hash":"7d9f8b6c5d"},
     "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d9f8b6c5d","uid":"r1","controller":true}]},
     "spec":{"nodeName":"node-1","containers":[{"name":"web","image":"nginx:1.27"}]},
     "status":{"phase":"Running","podIP":"10.244.1.10","podIPs":[{"ip":"10.244.1.10"}]}},
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"db-0","namespace":"shop","uid":"u2",
     "creationTimestamp":"2026-11-29T00:00:00Z","labels":{"app":"db"},
     "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","uid":"s1","controller":true}]},
     "spec":{"nodeName":"node-1","containers":[{"name":"postgres","image":"postgres:16","ports":[{"containerPort":5432}]}]},
     "status":{"phase":"Running","podIP":"10.244.1.11","podIPs":[{"ip":"10.244.1.11"}]}}
    ]}
    """

  static func flow(_ destination: String, _ port: UInt16, dns: String? = nil) -> String {
    FlowRecord(
      start: Timestamp(rfc3339: "2026-11-29T10:00:00Z") ?? Timestamp(nanoseconds: 0),
      proto: 6, sourceIP: "10.244.1.10", sourcePort: 40_000, destinationIP: destination,
      destinationPort: port, outcome: .established, bytesOut: 10, bytesIn: 20, dnsName: dns,
      node: "node-1", source: "conntrack"
    ).jsonLine
  }

  static func run(_ arguments: [String]) throws -> Command.Result {
    try Command.run([ServeProcess.binary.path] + arguments, check: false)
  }

  @Test func textJSONAndDOTFromAFlowFileAndASnapshot() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-graph-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let snapshot = directory.appendingPathComponent("cluster.json").path
    let flows = directory.appendingPathComponent("flows.jsonl").path
    try Self.inventory.write(toFile: snapshot, atomically: true, encoding: .utf8)
    let lines = [
      Self.flow("10.244.1.11", 5432), "not a flow",
      Self.flow("93.184.216.34", 443, dns: "api.example.com"),
    ]
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: flows, atomically: true, encoding: .utf8)

    let json = try Self.run(["graph", "--snapshot", snapshot, flows, "-o", "json"])
    #expect(json.status == 0)
    #expect(json.error.contains("flows.jsonl:2"))
    let graph = try NetworkGraph(json: json.output)
    #expect(graph.edges.count == 2)
    let database = try #require(graph.edges.first { $0.port == 5432 })
    #expect(database.edgeClass == .eastWest)
    let db = try #require(graph.node(database.destination))
    #expect(db.endpoint.name == "db" && db.endpoint.workloadKind == "StatefulSet")
    #expect(db.marks.sensitivity != nil)
    let egress = try #require(graph.edges.first { $0.port == 443 })
    #expect(egress.edgeClass == .egressInternet)
    #expect(graph.node(egress.destination)?.endpoint.dnsName == "api.example.com")

    let text = try Self.run(["graph", "--snapshot", snapshot, flows, "--namespace", "shop"])
    #expect(text.status == 0 && text.output.contains("shop/") && text.output.contains("5432/tcp"))

    let dot = try Self.run(["graph", "--snapshot", snapshot, flows, "-o", "dot"])
    #expect(dot.status == 0 && dot.output.hasPrefix("digraph"))
    if Command.exists("dot") {
      let dotFile = directory.appendingPathComponent("map.dot").path
      try dot.output.write(toFile: dotFile, atomically: true, encoding: .utf8)
      let svg = try Command.run(["dot", "-Tsvg", dotFile], check: false)
      #expect(svg.status == 0 && svg.output.contains("<svg"), "\(svg.error)")
    }

    let missing = try Self.run(["graph", directory.appendingPathComponent("none").path])
    #expect(missing.status != 0)
  }
}
