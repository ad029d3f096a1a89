import Foundation
import Logging
import Testing
import VigilAgent
import VigilCore
import VigilHTTPTesting
import VigilNet
import VigilPipeline
import VigilServer
import VigilStore

/// The agent's shipper against the real server over mutual TLS: the certificate is the agent's
/// credential; a rogue client certificate or none is refused in the handshake and the batch
/// stays with the agent.
@Suite struct FlowShipperTLSTests {
  @Test func batchesGoOverMutualTLSAndRogueClientsAreRefused() async throws {
    let certificates = try TestCertificates.generate()
    defer { try? FileManager.default.removeItem(at: certificates.directory) }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-shipper-tls-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteStore(path: directory.appendingPathComponent("vigil.db").path)
    defer { try? store.close() }
    let metrics = PrometheusMetrics()
    var configuration = WebhookServer.Configuration(
      tls: .init(
        certificateChainPath: certificates.serverCertificate,
        privateKeyPath: certificates.serverKey),
      clientCAPath: certificates.caCertificate, requireClientCertificate: true)
    configuration.host = "127.0.0.1"
    configuration.port = 0
    let map = LiveNetworkMap(cluster: nil)
    let server = WebhookServer(
      configuration: configuration, intake: FakeIntake(), registry: metrics.registry,
      metricsFactory: metrics.factory, isReady: { true }, logger: Logger(label: "test"),
      flows: FlowIntake(store: store, observers: [map]), networkMap: map)
    let record = FlowRecord(
      start: Timestamp.now(), proto: 6, sourceIP: "10.244.1.10", sourcePort: 40_000,
      destinationIP: "93.184.216.34", destinationPort: 443, outcome: .established,
      node: "node-1", source: "conntrack")
    let body = Gzip.compress(Array((record.jsonLine(communityID: false) + "\n").utf8))
    try await server.withRunning { port in
      let url = "https://127.0.0.1:\(port)"
      let agent = try FlowShipper(
        configuration: .init(
          server: url, certificateAuthority: certificates.caCertificate,
          clientCertificate: certificates.clientCertificate,
          clientKey: certificates.clientKey))
      let delivered = await agent.send(
        body: body, agentID: "a1", sequence: 1, records: 1, node: "node-1")
      #expect(delivered == .delivered)
      try await agent.shutdown()

      for (certificate, key) in [
        (certificates.rogueClientCertificate, certificates.rogueClientKey), (nil, nil),
      ] {
        let other = try FlowShipper(
          configuration: .init(
            server: url, certificateAuthority: certificates.caCertificate,
            clientCertificate: certificate, clientKey: key))
        let result = await other.send(
          body: body, agentID: "a2", sequence: 1, records: 1, node: "node-2")
        guard case .retry = result else {
          Issue.record("a client without a valid certificate got \(result)")
          continue
        }
        try await other.shutdown()
      }
    }
    #expect(try store.flowCounts() == (flows: 1, batches: 1))
    // The server added the Community ID the agent left out.
    var lines: [String] = []
    try store.forEachFlow { lines.append($0.line) }
    #expect(lines.first?.contains("\"communityID\":\"1:") == true)
  }
}
