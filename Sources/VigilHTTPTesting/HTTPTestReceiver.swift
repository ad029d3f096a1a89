import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 (an ephemeral port) that records each request and answers
/// with the next status of a script (the last one repeats; 200 when the script is empty).
public final class HTTPTestReceiver: Sendable {
  /// One request as received.
  public struct Request: Sendable {
    /// The method.
    public var method: String
    /// The request target.
    public var path: String
    /// The headers in order.
    public var headers: [(String, String)]
    /// The body.
    public var body: [UInt8]

    /// The first value of a header (case-insensitive name).
    public func header(_ name: String) -> String? {
      headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body as text.
    public var text: String { String(decoding: body, as: UTF8.self) }
  }

  private struct State {
    var script: [Int]
    var requests: [Request] = []
  }

  /// The state shared with the connection handlers.
  private final class Recorder: Sendable {
    let state: Mutex<State>
    init(script: [Int]) { state = Mutex(State(script: script)) }
  }

  private let recorder: Recorder
  private let channel: any Channel

  /// The receiver's URL (`http://127.0.0.1:<port>/path`).
  public let url: String

  /// Starts a receiver answering with `statuses` in turn.
  public init(statuses: [Int] = [], path: String = "/hook") async throws {
    let recorder = Recorder(script: statuses)
    self.recorder = recorder
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.backlog, value: 16)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(Handler(recorder: recorder))
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    self.channel = channel
    url = "http://127.0.0.1:\(channel.localAddress?.port ?? 0)\(path)"
  }

  /// The requests received so far.
  public var requests: [Request] { recorder.state.withLock { $0.requests } }

  /// Stops listening.
  public func stop() async throws { try await channel.close() }

  private final class Handler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let recorder: Recorder
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(recorder: Recorder) { self.recorder = recorder }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      switch Self.unwrapInboundIn(data) {
      case .head(let head):
        self.head = head
        body = []
      case .body(var buffer):
        body += buffer.readBytes(length: buffer.readableBytes) ?? []
      case .end:
        guard let head else { return }
        let request = Request(
          method: head.method.rawValue, path: head.uri,
          headers: head.headers.map { ($0.name, $0.value) }, body: body)
        let status = recorder.state.withLock { state -> Int in
          state.requests.append(request)
          guard !state.script.isEmpty else { return 200 }
          return state.script.count == 1 ? state.script[0] : state.script.removeFirst()
        }
        let reply = Array("status \(status)".utf8)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: String(reply.count))
        let responseHead = HTTPResponseHead(
          version: head.version, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(Self.wrapOutboundOut(.head(responseHead)), promise: nil)
        context.write(
          Self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: reply)))),
          promise: nil)
        context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
        self.head = nil
      }
    }
  }
}
