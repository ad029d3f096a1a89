import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOSSL

/// A client of one Kubernetes API server: lists (paged) and watches resources, handing out the
/// objects as raw JSON. One `HTTPClient`; call `shutdown()` when done.
public final class KubeClient: Sendable {
  /// Limits and timeouts.
  public struct Configuration: Sendable {
    /// How long a list request may take.
    public var requestTimeout: Duration
    /// How long a TCP connect (and TLS handshake) may take.
    public var connectTimeout: Duration
    /// The largest list page body accepted.
    public var maximumResponseBytes: Int
    /// The longest watch line accepted.
    public var maximumWatchLineBytes: Int

    /// Creates a configuration (defaults suit a production cluster).
    public init(
      requestTimeout: Duration = .seconds(60), connectTimeout: Duration = .seconds(10),
      maximumResponseBytes: Int = 256 << 20, maximumWatchLineBytes: Int = 64 << 20
    ) {
      self.requestTimeout = requestTimeout
      self.connectTimeout = connectTimeout
      self.maximumResponseBytes = maximumResponseBytes
      self.maximumWatchLineBytes = maximumWatchLineBytes
    }
  }

  /// Where and how to connect.
  public let kubeConfiguration: KubeConfiguration
  /// Limits and timeouts.
  public let configuration: Configuration
  let httpClient: HTTPClient
  let authenticator: KubeAuthenticator
  let logger: Logger

  /// Builds the client (reads the CA and client certificate files now).
  public init(
    _ kubeConfiguration: KubeConfiguration, configuration: Configuration = Configuration(),
    logger: Logger
  ) throws(KubeClientError) {
    guard let url = URL(string: kubeConfiguration.server), let scheme = url.scheme,
      ["https", "http"].contains(scheme), url.host != nil
    else {
      throw KubeClientError(.invalidRequest, "server \(kubeConfiguration.server) is not a URL")
    }
    self.kubeConfiguration = kubeConfiguration
    self.configuration = configuration
    self.logger = logger
    authenticator = try KubeAuthenticator(configuration: kubeConfiguration)
    var http = HTTPClient.Configuration()
    http.timeout = .init(connect: .init(configuration.connectTimeout), read: nil)
    http.redirectConfiguration = .disallow
    http.decompression = .disabled
    httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
  }

  /// Closes the connections.
  public func shutdown() async throws {
    try await httpClient.shutdown()
  }

  /// Lists one page of `resource` (across all namespaces unless `namespace` is given).
  public func list(
    _ resource: KubeResource, namespace: String? = nil, limit: Int? = nil,
    continue continueToken: String? = nil
  ) async throws -> KubeListPage {
    var query: [(String, String)] = []
    if let limit { query.append(("limit", String(limit))) }
    if let continueToken { query.append(("continue", continueToken)) }
    let response = try await send(
      resource.path(namespace: namespace), query: query, deadline: configuration.requestTimeout,
      what: "list \(resource)")
    let body: ByteBuffer
    do {
      body = try await response.body.collect(upTo: configuration.maximumResponseBytes)
    } catch {
      throw Self.transportError(error, what: "list \(resource)")
    }
    return try KubeListPage(body: Array(buffer: body), resource: resource)
  }

  /// Lists every page of `resource`, `pageSize` objects at a time; the result carries the
  /// resource version of the last page (the consistent snapshot's).
  public func listAll(_ resource: KubeResource, namespace: String? = nil, pageSize: Int = 500)
    async throws -> KubeListPage
  {
    var page = try await list(resource, namespace: namespace, limit: pageSize)
    var items = page.items
    while let next = page.continueToken {
      page = try await list(resource, namespace: namespace, limit: pageSize, continue: next)
      items += page.items
    }
    return KubeListPage(items: items, resourceVersion: page.resourceVersion, continueToken: nil)
  }

  /// Sends a GET with credentials and returns the 2xx response; a 401 with refreshable
  /// credentials is retried once with fresh ones, other statuses throw with the server's
  /// Status message.
  func send(_ path: String, query: [(String, String)], deadline: Duration, what: String)
    async throws -> HTTPClientResponse
  {
    var attempt = 0
    while true {
      attempt += 1
      let credentials = try await authenticator.credentials()
      var request = HTTPClientRequest(url: kubeConfiguration.server + path + Self.query(query))
      request.method = .GET
      request.headers.add(name: "Accept", value: "application/json")
      request.headers.add(name: "User-Agent", value: "vigil")
      if let authorization = credentials.authorization {
        request.headers.add(name: "Authorization", value: authorization)
      }
      if kubeConfiguration.server.hasPrefix("https") { request.tlsConfiguration = credentials.tls }
      let response: HTTPClientResponse
      do {
        response = try await httpClient.execute(request, timeout: .init(deadline), logger: logger)
      } catch {
        throw Self.transportError(error, what: what)
      }
      let status = Int(response.status.code)
      if (200..<300).contains(status) { return response }
      let body = (try? await response.body.collect(upTo: 1 << 20)).map { Array(buffer: $0) } ?? []
      if status == 401, attempt == 1, authenticator.canRefresh {
        logger.debug("credentials rejected; refreshing", metadata: ["k8s.request": "\(what)"])
        await authenticator.rejected()
        continue
      }
      let detail =
        KubeStatus(body: body)?.message ?? String(decoding: body.prefix(300), as: UTF8.self)
      throw KubeClientError.http(status: status, "\(what): \(detail)")
    }
  }

  /// `?a=b&c=d`, percent-encoded; empty for no items.
  static func query(_ items: [(String, String)]) -> String {
    guard !items.isEmpty else { return "" }
    // RFC 3986 unreserved characters only (ASCII letters and digits, `-._~`).
    let allowed = CharacterSet(
      charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return "?"
      + items.map { name, value in
        "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
      }.joined(separator: "&")
  }

  /// Cancellation passes through; anything else becomes a `transport` error naming `what`.
  static func transportError(_ error: any Error, what: String) -> any Error {
    if error is CancellationError || error is KubeClientError { return error }
    if let http = error as? HTTPClientError, http == .cancelled { return CancellationError() }
    return KubeClientError(.transport, "\(what): \(error)")
  }
}
