import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import VigilCore

/// Sends spooled batches to the server's `POST /v1/ingest/flows`: gzip NDJSON, the bearer token
/// (re-read from its file for every request, so rotation needs no restart) and/or a client
/// certificate, and the batch's identity (`Vigil-Agent-ID`, `Vigil-Batch`) so a batch re-sent
/// after a lost acknowledgement is recognised by the server and counted once.
public struct FlowShipper: Sendable {
  /// Where and how to connect.
  public struct Configuration: Sendable {
    /// The server's base URL (`https://vigil.vigil-system.svc:8443`).
    public var server: String
    /// A file holding the bearer token (a projected service-account token or a secret).
    public var tokenFile: String?
    /// A PEM file of the CA that signed the server's certificate (else the system roots).
    public var certificateAuthority: String?
    /// The client certificate (PEM) for mutual TLS.
    public var clientCertificate: String?
    /// The client key (PEM) for mutual TLS.
    public var clientKey: String?
    /// Per-request timeout.
    public var timeout: Duration = .seconds(30)

    /// Creates a configuration.
    public init(
      server: String, tokenFile: String? = nil, certificateAuthority: String? = nil,
      clientCertificate: String? = nil, clientKey: String? = nil
    ) {
      self.server = server
      self.tokenFile = tokenFile
      self.certificateAuthority = certificateAuthority
      self.clientCertificate = clientCertificate
      self.clientKey = clientKey
    }

    /// The ingest URL.
    public var ingestURL: String {
      (server.hasSuffix("/") ? String(server.dropLast()) : server) + "/v1/ingest/flows"
    }
  }

  /// What became of one send.
  public enum Result: Sendable, Hashable {
    /// The server stored it (or already had it).
    case delivered
    /// Try again later (server unreachable, 5xx, 429, 401/403 until the credentials are fixed).
    case retry(String)
    /// The server will never take it (400, 413): drop it and count it.
    case rejected(String)
  }

  /// A configuration problem found before anything is sent.
  public struct ConfigurationError: Error, CustomStringConvertible {
    /// Explanation.
    public var description: String
  }

  /// The configuration.
  public let configuration: Configuration
  private let client: HTTPClient

  /// Creates a shipper with its own HTTP client (TLS from the configuration); call
  /// ``shutdown()`` when done.
  public init(configuration: Configuration) throws {
    self.configuration = configuration
    var tls = TLSConfiguration.makeClientConfiguration()
    do {
      if let authority = configuration.certificateAuthority {
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(authority))
      }
      if let certificate = configuration.clientCertificate {
        guard let key = configuration.clientKey else {
          throw ConfigurationError(description: "a client certificate needs its key (--client-key)")
        }
        tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map {
          .certificate($0)
        }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
      }
    } catch let error as ConfigurationError {
      throw error
    } catch {
      throw ConfigurationError(description: "cannot read TLS material: \(error)")
    }
    var clientConfiguration = HTTPClient.Configuration(tlsConfiguration: tls)
    clientConfiguration.timeout = .init(
      connect: .seconds(10), read: .nanoseconds(configuration.timeout.nanoseconds))
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
  }

  /// Closes the HTTP client.
  public func shutdown() async throws { try await client.shutdown() }

  /// Sends one batch (its gzip bytes as spooled).
  public func send(
    body: [UInt8], agentID: String, sequence: UInt64, records: Int, node: String
  ) async -> Result {
    var request = HTTPClientRequest(url: configuration.ingestURL)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/x-ndjson")
    request.headers.add(name: "Content-Encoding", value: "gzip")
    request.headers.add(name: "Vigil-Agent-ID", value: agentID)
    request.headers.add(name: "Vigil-Batch", value: String(sequence))
    request.headers.add(name: "Vigil-Records", value: String(records))
    request.headers.add(name: "Vigil-Node", value: node)
    if let tokenFile = configuration.tokenFile {
      guard let data = FileManager.default.contents(atPath: tokenFile) else {
        return .retry("cannot read token file \(tokenFile)")
      }
      let token = String(decoding: data, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      request.headers.add(name: "Authorization", value: "Bearer \(token)")
    }
    request.body = .bytes(ByteBuffer(bytes: body))
    do {
      let response = try await client.execute(
        request, timeout: .nanoseconds(configuration.timeout.nanoseconds))
      let text = try await response.body.collect(upTo: 64 * 1024)
      let status = Int(response.status.code)
      let detail = "HTTP \(status): \(String(buffer: text).prefix(300))"
      switch status {
      case 200..<300: return .delivered
      case 400, 413, 415: return .rejected(detail)
      default: return .retry(detail)
      }
    } catch {
      return .retry("\(error)")
    }
  }
}
