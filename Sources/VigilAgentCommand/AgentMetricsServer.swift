import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceLifecycle

/// The agent's `/metrics` (Prometheus text) and `/healthz` on plain HTTP, built on swift-nio
/// alone so the agent binary carries no web framework. Meant for the node's loopback.
struct AgentMetricsServer: Service {
  let host: String
  let port: Int
  let registry: PrometheusCollectorRegistry
  let logger: Logger

  func run() async throws {
    let registry = self.registry
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.backlog, value: 64)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(Handler(registry: registry))
        }
      }
      .bind(host: host, port: port).get()
    logger.info(
      "metrics listening", metadata: ["listen.port": "\(channel.localAddress?.port ?? port)"])
    try? await gracefulShutdown()
    try await channel.close()
  }

  /// Answers GET /metrics and /healthz; 404 otherwise.
  final class Handler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let registry: PrometheusCollectorRegistry

    init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      guard case .head(let head) = unwrapInboundIn(data) else { return }
      let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
      var status = HTTPResponseStatus.ok
      var type = "text/plain; charset=utf-8"
      var body = context.channel.allocator.buffer(capacity: 256)
      switch (head.method, path) {
      case (.GET, "/metrics"):
        type = "text/plain; version=0.0.4; charset=utf-8"
        body.writeBytes(registry.emitToBuffer())
      case (.GET, "/healthz"):
        type = "application/json"
        body.writeString(#"{"status":"ok"}"#)
      default:
        status = .notFound
        body.writeString("not found\n")
      }
      var headers = HTTPHeaders()
      headers.add(name: "Content-Type", value: type)
      headers.add(name: "Content-Length", value: String(body.readableBytes))
      headers.add(name: "Connection", value: "close")
      context.write(
        wrapOutboundOut(
          .head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
        promise: nil)
      context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
      let channel = context.channel
      context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
        channel.close(promise: nil)
      }
    }
  }
}
