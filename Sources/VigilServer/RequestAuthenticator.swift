import Foundation
import Hummingbird
import NIOCore
import NIOSSL

/// Decides whether a request carries a valid credential: one of the configured bearer tokens
/// (compared in constant time) or a client certificate verified in the TLS handshake.
struct RequestAuthenticator: Sendable {
  /// What the request presented.
  enum Outcome: Sendable, Hashable {
    /// No credential is configured: everyone is let in.
    case open
    /// A configured bearer token.
    case token
    /// A client certificate verified against the client CA.
    case clientCertificate
    /// No credential at all.
    case missing
    /// A bearer token that is not configured.
    case invalid

    /// Whether the request may proceed.
    var isAuthenticated: Bool {
      switch self {
      case .open, .token, .clientCertificate: true
      case .missing, .invalid: false
      }
    }
  }

  /// The configured tokens (replaceable on reload).
  let tokens: BearerTokens
  /// Whether a verified client certificate authenticates (a client CA is configured).
  let acceptsClientCertificates: Bool

  /// Creates an authenticator from the server configuration.
  init(_ configuration: WebhookServer.Configuration, tokens: BearerTokens? = nil) {
    self.tokens = tokens ?? BearerTokens(configuration.bearerTokens)
    self.acceptsClientCertificates = configuration.clientCAPath != nil
  }

  /// Checks the request's token, then the connection's client certificate.
  func authenticate(_ request: Request, channel: any Channel) async -> Outcome {
    let tokens = self.tokens.current
    guard !tokens.isEmpty || acceptsClientCertificates else { return .open }
    let presented = request.headers[.authorization].flatMap(Self.bearerToken(in:))
    if let presented, Self.matchesAnyToken(presented, tokens) { return .token }
    if acceptsClientCertificates, await Self.hasVerifiedCertificate(channel) {
      return .clientCertificate
    }
    return presented == nil ? .missing : .invalid
  }

  /// The 401 answer; carries `WWW-Authenticate: Bearer` when tokens are configured.
  func challenge() -> Response {
    var response = Response.jsonError(.unauthorized, "missing or invalid credentials")
    if !tokens.current.isEmpty { response.headers[.wwwAuthenticate] = "Bearer" }
    return response
  }

  /// The token of an `Authorization: Bearer <token>` value (scheme case-insensitive).
  static func bearerToken(in value: String) -> [UInt8]? {
    let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
    let token = parts[1].trimmingCharacters(in: .whitespaces)
    return token.isEmpty ? nil : Array(token.utf8)
  }

  /// Compares against every token without stopping at the first match.
  func matchesAnyToken(_ presented: [UInt8]) -> Bool {
    Self.matchesAnyToken(presented, tokens.current)
  }

  /// Compares against each of `tokens` without stopping at the first match.
  static func matchesAnyToken(_ presented: [UInt8], _ tokens: [[UInt8]]) -> Bool {
    var matches: UInt8 = 0
    for token in tokens { matches |= Self.constantTimeEquals(presented, token) ? 1 : 0 }
    return matches == 1
  }

  /// Byte equality whose time depends only on the length of `expected`.
  static func constantTimeEquals(_ presented: [UInt8], _ expected: [UInt8]) -> Bool {
    var difference: UInt8 = presented.count == expected.count ? 0 : 1
    for index in expected.indices {
      let byte = index < presented.count ? presented[index] : 0
      difference |= byte ^ expected[index]
    }
    return difference == 0
  }

  /// Whether the TLS handler of `channel` holds a peer certificate. The context is configured
  /// to verify every presented certificate against the client CA, so a present one is verified.
  static func hasVerifiedCertificate(_ channel: any Channel) async -> Bool {
    let certificate = try? await channel.nioSSL_peerCertificate().get()
    return certificate != nil
  }
}
