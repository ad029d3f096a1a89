import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import VigilAgent
import VigilLogging

/// `vigil agent` (and the lean `vigil-agent` binary the DaemonSet runs): the node agent (hostNetwork,
/// CAP_NET_ADMIN and CAP_NET_RAW).
public struct AgentCommand: AsyncParsableCommand {
  /// The command's name, help and discussion.
  public static let configuration = CommandConfiguration(
    commandName: "agent",
    abstract:
      "Run the node agent: every connection from conntrack, named by DNS, shipped to vigil serve.",
    discussion: """
      Reads conntrack events over netlink (and a dump of the table at start) and DNS responses \
      from the node's interfaces, writes one flow record per connection (5-tuple, outcome, bytes \
      and packets each way, the DNS name the source resolved, Community ID) into a bounded spool \
      on disk, and ships the spool in order to vigil serve's POST /v1/ingest/flows. While the \
      server is unreachable the spool grows (oldest batches dropped past --spool-max-bytes) and \
      is sent when it returns, also after a restart. /metrics and /healthz on --metrics-listen.

      Example: vigil agent --server https://vigil.vigil-system.svc:8443 --node "$NODE_NAME" \
      --token-file /var/run/secrets/vigil-agent/token --ca /var/run/secrets/vigil-agent/ca.crt
      """)

  @Option(help: "vigil serve's base URL (http://… or https://…).")
  var server: String

  @Option(help: "This node's name (default: the host name).")
  var node: String?

  @Option(help: "File holding the bearer token (re-read for every batch).")
  var tokenFile: String?

  @Option(help: "PEM CA that signed the server's certificate (default: system roots).")
  var ca: String?

  @Option(help: "PEM client certificate for mutual TLS.")
  var clientCert: String?

  @Option(help: "PEM key of the client certificate.")
  var clientKey: String?

  @Option(help: "Spool directory (batches wait here until the server acknowledges them).")
  var spool: String = "/var/lib/vigil-agent/spool"

  @Option(help: "Largest spool size in bytes; past it the oldest batches are dropped (counted).")
  var spoolMaxBytes: Int = 256 << 20

  @Option(help: "A batch is spooled at this many records, or after --flush-interval-ms.")
  var batchSize: Int = 5_000

  @Option(help: "Longest wait before a batch is spooled, in milliseconds.")
  var flushIntervalMs: Int = 1_000

  @Option(help: "Read this network namespace (a file like /proc/1/ns/net) instead of the agent's.")
  var netns: String?

  @Flag(
    help: """
      Read only NEW and DESTROY conntrack events: about a third of the messages, but a closed \
      TCP connection is reported at its DESTROY (after TIME_WAIT) instead of when it closes.
      """)
  var noUpdates = false

  @Flag(
    help: """
      Read NEW conntrack events even when the kernel's conntrack timestamps are on (then they \
      are skipped: start times come from the kernel, and each connection costs one message less).
      """)
  var allEvents = false

  @Flag(help: "Do not capture DNS responses (flows carry no names).")
  var noDns = false

  @Option(help: "Capture DNS on this interface only (default: all).")
  var dnsInterface: String?

  @Flag(help: "Leave nf_conntrack_acct as it is (flows then carry no byte counts unless it is on).")
  var noAccounting = false

  @Option(help: "host:port for /metrics and /healthz (plain HTTP; keep it on loopback).")
  var metricsListen: String = "127.0.0.1:9465"

  @Option(help: "Lowest level logged (trace, debug, info, notice, warning, error, critical).")
  var logLevel: String = "info"

  @Option(help: "Log line format: text or json.")
  var logFormat: String = "text"

  /// Creates the command (ArgumentParser fills the options).
  public init() {}

  /// Runs the agent until SIGTERM or SIGINT.
  public func run() async throws {
    guard let level = Logger.Level(rawValue: logLevel) else {
      throw ValidationError("--log-level \(logLevel): use trace … critical")
    }
    guard let format = LogSetup.Format(rawValue: logFormat) else {
      throw ValidationError("--log-format \(logFormat): use text or json")
    }
    guard server.hasPrefix("http://") || server.hasPrefix("https://") else {
      throw ValidationError("--server \(server): use http://host:port or https://host:port")
    }
    let listen = try Self.listenAddress(metricsListen)
    let logger = LogSetup.bootstrap(level: level, format: format)
    let registry = PrometheusCollectorRegistry()
    let factory = PrometheusMetricsFactory(registry: registry)
    MetricsSystem.bootstrap(factory)

    let nodeName = node ?? ProcessInfo.processInfo.hostName
    let spoolStore = try FlowSpool(directory: spool, maxBytes: spoolMaxBytes)
    let shipper = try FlowShipper(
      configuration: .init(
        server: server, tokenFile: tokenFile, certificateAuthority: ca,
        clientCertificate: clientCert, clientKey: clientKey))
    var flowConfiguration = FlowAgent.Configuration(node: nodeName)
    flowConfiguration.batchSize = max(1, batchSize)
    flowConfiguration.flushInterval = .milliseconds(max(10, flushIntervalMs))
    let flows = FlowAgent(
      configuration: flowConfiguration, spool: spoolStore, shipper: shipper,
      logger: logger.child("ship"), metrics: factory)
    var agentConfiguration = NodeAgent.Configuration(node: nodeName)
    agentConfiguration.namespacePath = netns
    agentConfiguration.captureDNS = !noDns
    agentConfiguration.dnsInterface = dnsInterface
    agentConfiguration.enableAccounting = !noAccounting
    agentConfiguration.followUpdates = !noUpdates
    agentConfiguration.followNew = allEvents
    agentConfiguration.stateDirectory = spool
    let agent = NodeAgent(
      configuration: agentConfiguration, flows: flows, logger: logger.child("agent"),
      metrics: factory)
    let endpoint = AgentMetricsServer(
      host: listen.host, port: listen.port, registry: registry, logger: logger.child("metrics"))
    let group = ServiceGroup(
      configuration: .init(
        services: [
          .init(
            service: AgentService(agent: agent),
            successTerminationBehavior: .gracefullyShutdownGroup),
          .init(service: endpoint),
        ],
        gracefulShutdownSignals: [.sigterm, .sigint], logger: logger.child("lifecycle")))
    try await group.run()
    try await shipper.shutdown()
  }

  static func listenAddress(_ text: String) throws -> (host: String, port: Int) {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (0...65_535).contains(port)
    else { throw ValidationError("--metrics-listen \(text): use host:port") }
    var host = String(text[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    return (host.isEmpty ? "0.0.0.0" : host, port)
  }
}

/// The node agent as a service: runs until the group shuts down gracefully, then flushes.
struct AgentService: Service {
  let agent: NodeAgent

  func run() async throws {
    try await cancelWhenGracefulShutdown { try await agent.run() }
  }
}
