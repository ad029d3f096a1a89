/// Why the webhook server could not be set up.
public struct WebhookServerError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kinds of setup failure.
  public enum Code: String, Sendable, Hashable {
    /// The port is outside 0…65535.
    case invalidPort
    /// `maxBodyBytes` is not positive.
    case invalidBodyLimit
    /// `idleTimeout` is not positive.
    case invalidIdleTimeout
    /// A bearer token is empty or holds whitespace.
    case invalidToken
    /// A client CA is configured without TLS.
    case clientCAWithoutTLS
    /// `requireClientCertificate` without a client CA.
    case clientCertificateWithoutCA
    /// The server certificate chain could not be read.
    case unreadableCertificateChain
    /// The server private key could not be read.
    case unreadablePrivateKey
    /// The client CA could not be read.
    case unreadableClientCA
    /// NIOSSL refused the TLS configuration.
    case invalidTLSConfiguration
    /// The server stopped before it listened.
    case stoppedBeforeListening
  }

  /// The kind of failure.
  public var code: Code
  /// The path, value or underlying error involved.
  public var detail: String

  /// Creates an error.
  public init(_ code: Code, detail: String) {
    self.code = code
    self.detail = detail
  }

  /// A sentence saying what is wrong and with what.
  public var description: String {
    switch code {
    case .invalidPort: "invalid port \(detail): must be 0…65535"
    case .invalidBodyLimit: "invalid body limit \(detail): must be positive"
    case .invalidIdleTimeout: "invalid idle timeout \(detail): must be positive"
    case .invalidToken: "invalid bearer token: \(detail)"
    case .clientCAWithoutTLS: "a client CA (\(detail)) needs TLS: set the certificate and key"
    case .clientCertificateWithoutCA: "requiring client certificates needs a client CA"
    case .unreadableCertificateChain: "cannot read the TLS certificate chain: \(detail)"
    case .unreadablePrivateKey: "cannot read the TLS private key: \(detail)"
    case .unreadableClientCA: "cannot read the client CA: \(detail)"
    case .invalidTLSConfiguration: "invalid TLS configuration: \(detail)"
    case .stoppedBeforeListening: "the server stopped before listening on \(detail)"
    }
  }
}
