import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// An HTTP(S) client for the webhook, optionally with a client certificate.
struct WebhookClient {
  let client: HTTPClient
  let base: String

  /// A client of `base` (`http://127.0.0.1:PORT` or `https://…`), trusting `ca` and presenting
  /// `certificate`/`key` when given.
  init(base: String, ca: String? = nil, certificate: String? = nil, key: String? = nil) throws {
    var tls = TLSConfiguration.makeClientConfiguration()
    if let ca { tls.trustRoots = .file(ca) }
    if let certificate, let key {
      tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
      tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
    }
    var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
    configuration.timeout = .init(connect: .seconds(5), read: .seconds(20))
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    self.base = base
  }

  /// Sends a request; returns the status and body text.
  func send(
    _ method: HTTPMethod = .POST, path: String = "/k8s-audit", body: [UInt8] = [],
    contentType: String? = "application/json", token: String? = nil
  ) async throws -> (status: Int, body: String) {
    var request = HTTPClientRequest(url: base + path)
    request.method = method
    if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
    let response = try await client.execute(request, timeout: .seconds(20))
    let text = try await response.body.collect(upTo: 1 << 20)
    return (Int(response.status.code), String(buffer: text))
  }

  /// Shuts the client down.
  func shutdown() async throws { try await client.shutdown() }
}
