import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Testing
import VigilCore
import VigilJSON
import VigilNet
import VigilPipeline
import VigilServer
import VigilStore

/// `POST /v1/ingest/flows` and `GET /api/v1/graph` on a running server with a real store.
@Suite struct FlowIngestTests {
  static let token = "agent-token"

  /// Two pods of Deployments in `shop` (frontend, backend) and a Service in front of backend.
  static let inventory = """
    {"apiVersion":"v1","kind":"List","items":[
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"frontend-7d9f8b6c5d-abcde","namespace":"shop",
     "uid":"u1","creationTimestamp":"2026-11-29T00:00:00Z","labels":{"app":"frontend","pod-template-hash":"7d9f8b6c5d"},
     "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"frontend-7d9f8b6c5d","uid":"r1","controller":true}]},
     "spec":{"nodeName":"node-1","containers":[{"name":"web","image":"nginx:1.27"}]},
     "status":{"phase":"Running","podIP":"10.244.1.10","podIPs":[{"ip":"10.244.1.10"}]}},
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"backend-5c6d7e8f9a-fghij","namespace":"shop",
     "uid":"u2","creationTimestamp":"2026-11-29T00:00:00Z","labels":{"app":"backend","pod-template-hash":"5c6d7e8f9a"},
     "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"backend-5c6d7e8f9a","uid":"r2","controller":true}]},
     "spec":{"nodeName":"node-1","containers":[{"name":"api","image":"python:3.12"}]},
     "status":{"phase":"Running","podIP":"10.244.1.11","podIPs":[{"ip":"10.244.1.11"}]}},
    {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1","uid":"n1","creationTimestamp":"2026-11-29T00:00:00Z"},
     "spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24"]},
     "status":{"addresses":[{"type":"InternalIP","address":"192.168.0.10"}]}}
    ]}
    """

  static func flow(
    _ source: String, _ destination: String, port: UInt16,
    outcome: FlowRecord.Outcome = .established,
    dns: String? = nil, bytesIn: UInt64 = 500
  ) -> FlowRecord {
    FlowRecord(
      start: Timestamp.now(), proto: 6, sourceIP: source, sourcePort: 40_000,
      destinationIP: destination, destinationPort: port, outcome: outcome, bytesOut: 100,
      bytesIn: bytesIn, packetsOut: 3, packetsIn: 4, dnsName: dns, node: "node-1",
      source: "conntrack")
  }

  /// A running server with the flow intake over a fresh store and the map over the inventory.
  static func run(_ body: (Int, SQLiteStore, LiveNetworkMap) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-flows-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteStore(path: directory.appendingPathComponent("vigil.db").path)
    var snapshot = ClusterSnapshot()
    snapshot.add(file: "inventory.json", bytes: Array(inventory.utf8), at: .now())
    #expect(snapshot.problems.isEmpty)
    let inventory = try snapshot.inventory(at: .now())
    let cluster = ClusterState(
      inventory: inventory, exposure: snapshot.exposures(inventory: inventory))
    let map = LiveNetworkMap(cluster: cluster)
    let metrics = PrometheusMetrics()
    var configuration = WebhookServer.Configuration()
    configuration.host = "127.0.0.1"
    configuration.port = 0
    configuration.bearerTokens = [token]
    let server = WebhookServer(
      configuration: configuration, intake: FakeIntake(), registry: metrics.registry,
      metricsFactory: metrics.factory, isReady: { true }, logger: Logger(label: "test"),
      cluster: cluster, flows: FlowIntake(store: store, observers: [map]), networkMap: map)
    try await server.withRunning { port in try await body(port, store, map) }
    try store.close()
  }

  static func post(
    port: Int, _ body: [UInt8], gzip: Bool = true, batch: Int? = 1, token: String? = token
  ) async throws -> (Int, JSONDocument?) {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/ingest/flows")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/x-ndjson")
    if gzip { request.headers.add(name: "Content-Encoding", value: "gzip") }
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    if let batch {
      request.headers.add(name: "Vigil-Agent-ID", value: "agent-1")
      request.headers.add(name: "Vigil-Batch", value: String(batch))
      request.headers.add(name: "Vigil-Node", value: "node-1")
    }
    request.body = .bytes(ByteBuffer(bytes: gzip ? Gzip.compress(body) : body))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
    return (Int(response.status.code), try? JSONDocument(parsing: text))
  }

  static func get(port: Int, _ path: String) async throws -> (Int, String, String?) {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let text = String(buffer: try await response.body.collect(upTo: 1 << 22))
    return (Int(response.status.code), text, response.headers.first(name: "Content-Type"))
  }

  static func lines(_ records: [FlowRecord]) -> [UInt8] {
    Array(records.map { $0.jsonLine + "\n" }.joined().utf8)
  }

  @Test func aBatchIsStoredOnceAttributedAndMapped() async throws {
    try await Self.run { port, store, map in
      let records = [
        Self.flow("10.244.1.10", "10.244.1.11", port: 8080),
        Self.flow("10.244.1.10", "10.244.1.11", port: 8080),
        Self.flow("10.244.1.10", "93.184.216.34", port: 443, dns: "api.example.com", bytesIn: 9000),
        Self.flow("10.244.1.10", "10.244.1.11", port: 9999, outcome: .refused),
      ]
      let (status, answer) = try await Self.post(port: port, Self.lines(records))
      #expect(status == 200)
      #expect(answer?.root["accepted"]?.int == 4)
      #expect(answer?.root["duplicate"]?.bool == false)
      // The agent never heard the answer and sends the batch again: acknowledged, not stored.
      let (again, repeated) = try await Self.post(port: port, Self.lines(records))
      #expect(again == 200)
      #expect(repeated?.root["duplicate"]?.bool == true)
      #expect(repeated?.root["accepted"]?.int == 0)
      #expect(try store.flowCounts() == (flows: 4, batches: 1))
      #expect(map.statistics().flows == 4)

      let (graphStatus, json, type) = try await Self.get(port: port, "/api/v1/graph")
      #expect(graphStatus == 200 && type == "application/json")
      let graph = try NetworkGraph(json: json)
      let frontend = try #require(graph.nodes.first { $0.endpoint.name == "frontend" })
      let backend = try #require(graph.nodes.first { $0.endpoint.name == "backend" })
      #expect(
        frontend.endpoint.namespace == "shop" && frontend.endpoint.workloadKind == "Deployment")
      let eastWest = try #require(
        graph.edges.first {
          $0.source == frontend.id && $0.destination == backend.id && $0.port == 8080
        })
      #expect(eastWest.connections == 2 && eastWest.edgeClass == .eastWest)
      #expect(eastWest.outcomes.established == 2)
      let refused = try #require(graph.edges.first { $0.port == 9999 })
      #expect(refused.outcomes.refused == 1)
      let egress = try #require(graph.edges.first { $0.port == 443 })
      #expect(egress.edgeClass == .egressInternet)
      #expect(graph.node(egress.destination)?.endpoint.dnsName == "api.example.com")
      #expect(egress.bytesIn == 9000)

      let (_, dot, dotType) = try await Self.get(port: port, "/api/v1/graph?format=dot")
      #expect(dotType?.hasPrefix("text/vnd.graphviz") == true && dot.contains("digraph"))
      let (_, text, _) = try await Self.get(port: port, "/api/v1/graph?format=text&namespace=shop")
      #expect(text.contains("frontend") && text.contains("api.example.com"))
      let (_, none, _) = try await Self.get(port: port, "/api/v1/graph?namespace=nowhere")
      #expect(try NetworkGraph(json: none).edges.isEmpty)
      let (_, future, _) = try await Self.get(
        port: port, "/api/v1/graph?since=2099-01-01T00:00:00Z")
      #expect(try NetworkGraph(json: future).edges.isEmpty)
      let (badSince, _, _) = try await Self.get(port: port, "/api/v1/graph?since=yesterday")
      #expect(badSince == 400)
    }
  }

  @Test func badLinesAreReportedAndTheRestIsStored() async throws {
    try await Self.run { port, store, _ in
      let good = Self.flow("10.244.1.10", "10.244.1.11", port: 8080).jsonLine
      let body = Array("\(good)\n{\"start\":\"nope\"}\nnot json\n\(good)\n".utf8)
      let (status, answer) = try await Self.post(port: port, body, gzip: false, batch: nil)
      #expect(status == 200)
      #expect(answer?.root["accepted"]?.int == 2)
      #expect(answer?.root["rejected"]?.int == 2)
      let errors = answer?.root["errors"]?.elements.compactMap(\.string) ?? []
      #expect(errors.count == 2 && errors[0].contains(":2:") && errors[1].contains(":3:"))
      #expect(try store.flowCounts().flows == 2)
    }
  }

  @Test func credentialsAndBrokenBodiesAreRefused() async throws {
    try await Self.run { port, store, _ in
      let body = Self.lines([Self.flow("10.244.1.10", "10.244.1.11", port: 8080)])
      #expect(try await Self.post(port: port, body, token: nil).0 == 401)
      #expect(try await Self.post(port: port, body, token: "wrong").0 == 401)
      var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/ingest/flows")
      request.method = .POST
      request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
      request.headers.add(name: "Content-Encoding", value: "gzip")
      request.body = .bytes(ByteBuffer(bytes: Array(Gzip.compress(body).prefix(12))))
      let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
      #expect(response.status.code == 400)
      #expect(try store.flowCounts().flows == 0)
      var unauthenticated = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/graph")
      unauthenticated.method = .GET
      let graph = try await HTTPClient.shared.execute(unauthenticated, timeout: .seconds(10))
      #expect(graph.status.code == 401)
    }
  }
}
