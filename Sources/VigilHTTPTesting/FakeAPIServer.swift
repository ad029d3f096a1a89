import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A local HTTPS stand-in for the Kubernetes API server (127.0.0.1, an ephemeral port): checks a
/// bearer token (or requires a client certificate from the test CA), serves paged lists, scripted
/// chunked watch streams and 404s, and records every request.
public final class FakeAPIServer: Sendable {
  /// How clients must authenticate.
  public enum Authentication: Sendable {
    /// `Authorization: Bearer <one of the accepted tokens>`.
    case token
    /// A client certificate signed by the test CA (checked in the TLS handshake).
    case clientCertificate
  }

  /// One step of a scripted watch response.
  public enum WatchStep: Sendable {
    /// One chunk of body bytes (flushed on its own, a few milliseconds after the previous one).
    case chunk(String)
    /// End the response normally (the terminating zero-length chunk).
    case end
    /// Close the connection in the middle of the response.
    case abort
  }

  /// A request as received.
  public struct Request: Sendable {
    /// The path, without the query.
    public var path: String
    /// The query parameters.
    public var query: [String: String]
    /// The `Authorization` header.
    public var authorization: String?
  }

  private struct State {
    var acceptedTokens: Set<String> = []
    var lists: [String: (items: [String], resourceVersion: String, kind: String)] = [:]
    var watches: [String: [[WatchStep]]] = [:]
    var watchStatuses: [String: [Int]] = [:]
    var requests: [Request] = []
  }

  private let state: Mutex<State>
  private let channel: Mutex<(any Channel)?>
  /// `https://127.0.0.1:<port>`.
  public let url: String

  /// Starts the server.
  public init(authentication: Authentication, tokens: Set<String> = []) async throws {
    let certificates = try TestCertificates.shared.get()
    var tls = TLSConfiguration.makeServerConfiguration(
      certificateChain: try NIOSSLCertificate.fromPEMFile(certificates.serverCertificate).map {
        .certificate($0)
      },
      privateKey: .privateKey(try NIOSSLPrivateKey(file: certificates.serverKey, format: .pem)))
    if authentication == .clientCertificate {
      tls.certificateVerification = .noHostnameVerification
      tls.trustRoots = .file(certificates.caCertificate)
    }
    let context = try NIOSSLContext(configuration: tls)
    state = Mutex(State(acceptedTokens: tokens))
    channel = Mutex(nil)
    let handlerState = HandlerContext(server: nil)
    let bound = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.backlog, value: 16)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
          try channel.pipeline.syncOperations.configureHTTPServerPipeline(
            withPipeliningAssistance: false)
          try channel.pipeline.syncOperations.addHandler(
            Handler(server: handlerState, checkToken: authentication == .token))
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    url = "https://127.0.0.1:\(bound.localAddress?.port ?? 0)"
    channel.withLock { $0 = bound }
    handlerState.server.withLock { $0 = self }
  }

  /// Stops listening (open streams stay until their clients leave).
  public func stop() async throws {
    let bound = channel.withLock { $0 }
    try await bound?.close()
  }

  /// Replaces the accepted tokens.
  public func accept(tokens: Set<String>) { state.withLock { $0.acceptedTokens = tokens } }

  /// Serves a list at `path` (items as JSON texts) with a resource version.
  public func setList(_ path: String, kind: String, resourceVersion: String, items: [String]) {
    state.withLock { $0.lists[path] = (items, resourceVersion, kind) }
  }

  /// Queues a scripted watch response for `path` (served in order; once used up, watches stay
  /// open without events).
  public func addWatch(_ path: String, _ steps: [WatchStep]) {
    state.withLock { $0.watches[path, default: []].append(steps) }
  }

  /// Queues an error status answered to the next watch of `path`.
  public func addWatchStatus(_ path: String, _ status: Int) {
    state.withLock { $0.watchStatuses[path, default: []].append(status) }
  }

  /// The requests received so far.
  public var requests: [Request] { state.withLock { $0.requests } }

  /// Waits (at most `seconds`) until `condition` holds for the recorded requests.
  public func waitForRequests(
    timeout seconds: Double = 10, _ condition: ([Request]) -> Bool
  ) async throws -> [Request] {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
      let requests = self.requests
      if condition(requests) { return requests }
      try await Task.sleep(for: .milliseconds(10))
    }
    return requests
  }

  /// What to answer to one request.
  fileprivate enum Answer {
    case json(Int, String)
    case stream([WatchStep])
  }

  /// Records the request and decides the answer.
  fileprivate func answer(_ head: HTTPRequestHead, checkToken: Bool) -> Answer {
    let parts = head.uri.split(separator: "?", maxSplits: 1).map(String.init)
    let path = parts.first ?? "/"
    var query: [String: String] = [:]
    for pair in (parts.count > 1 ? parts[1] : "").split(separator: "&") {
      let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
      query[kv[0]] = kv.count > 1 ? (kv[1].removingPercentEncoding ?? kv[1]) : ""
    }
    let authorization = head.headers.first(name: "Authorization")
    return state.withLock { state -> Answer in
      state.requests.append(Request(path: path, query: query, authorization: authorization))
      if checkToken {
        let token = authorization.flatMap {
          $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil
        }
        guard let token, state.acceptedTokens.contains(token) else {
          return .json(401, Self.status(401, "Unauthorized", "Unauthorized"))
        }
      }
      if query["watch"] == "true" {
        if var statuses = state.watchStatuses[path], !statuses.isEmpty {
          let code = statuses.removeFirst()
          state.watchStatuses[path] = statuses
          return .json(code, Self.status(code, "Expired", "too old resource version"))
        }
        if var scripts = state.watches[path], !scripts.isEmpty {
          let script = scripts.removeFirst()
          state.watches[path] = scripts
          return .stream(script)
        }
        return .stream([])
      }
      guard let list = state.lists[path] else {
        return .json(
          404, Self.status(404, "NotFound", "the server could not find the requested resource"))
      }
      let limit = query["limit"].flatMap(Int.init) ?? list.items.count
      let offset = query["continue"].flatMap { Int($0.dropFirst("page-".count)) } ?? 0
      let end = min(offset + max(limit, 1), list.items.count)
      let next = end < list.items.count ? "\"continue\":\"page-\(end)\"," : ""
      let body = """
        {"kind":"\(list.kind)","apiVersion":"v1","metadata":{\(next)"resourceVersion":"\(list.resourceVersion)"},\
        "items":[\(list.items[offset..<end].joined(separator: ","))]}
        """
      return .json(200, body)
    }
  }

  /// A Status object as the API server writes it.
  public static func status(_ code: Int, _ reason: String, _ message: String) -> String {
    """
    {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"\(message)",\
    "reason":"\(reason)","code":\(code)}
    """
  }

  /// Lets the handlers reach the server once it is built.
  private final class HandlerContext: Sendable {
    let server: Mutex<FakeAPIServer?>
    init(server: FakeAPIServer?) { self.server = Mutex(server) }
  }

  private final class Handler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: HandlerContext
    private let checkToken: Bool
    private var head: HTTPRequestHead?

    init(server: HandlerContext, checkToken: Bool) {
      self.server = server
      self.checkToken = checkToken
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      switch Self.unwrapInboundIn(data) {
      case .head(let head): self.head = head
      case .body: break
      case .end:
        guard let head, let server = server.server.withLock({ $0 }) else { return }
        self.head = nil
        switch server.answer(head, checkToken: checkToken) {
        case .json(let status, let body):
          var headers = HTTPHeaders()
          headers.add(name: "Content-Type", value: "application/json")
          headers.add(name: "Content-Length", value: String(body.utf8.count))
          context.write(
            Self.wrapOutboundOut(
              .head(
                HTTPResponseHead(
                  version: head.version, status: .init(statusCode: status), headers: headers))),
            promise: nil)
          context.write(
            Self.wrapOutboundOut(
              .body(.byteBuffer(context.channel.allocator.buffer(string: body)))),
            promise: nil)
          context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
        case .stream(let steps):
          var headers = HTTPHeaders()
          headers.add(name: "Content-Type", value: "application/json")
          headers.add(name: "Transfer-Encoding", value: "chunked")
          context.writeAndFlush(
            Self.wrapOutboundOut(
              .head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))),
            promise: nil)
          play(steps[...], context: context)
        }
      }
    }

    /// Writes the steps one by one, 5 ms apart, so that each arrives in its own read.
    private func play(_ steps: ArraySlice<WatchStep>, context: ChannelHandlerContext) {
      guard let step = steps.first else { return }  // Script used up: the stream stays open.
      switch step {
      case .chunk(let text):
        context.writeAndFlush(
          Self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))),
          promise: nil)
      case .end:
        context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
        return
      case .abort:
        context.close(promise: nil)
        return
      }
      let rest = steps.dropFirst()
      let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
      context.eventLoop.scheduleTask(in: .milliseconds(5)) {
        let (handler, context) = loopBound.value
        handler.play(rest, context: context)
      }
    }
  }
}
