extension WebhookServer {
  /// Where the webhook listens, how big a request may be and how clients authenticate.
  ///
  /// Authentication: a request is authenticated when it carries one of ``bearerTokens`` **or**
  /// arrives over a TLS connection whose client certificate was verified against
  /// ``clientCAPath``; either credential suffices when both are configured. With
  /// ``requireClientCertificate`` the TLS handshake itself refuses clients without a certificate
  /// from that CA, so nothing of theirs reaches a handler. With neither tokens nor a client CA
  /// the webhook is open (``WebhookServer`` logs a warning at startup).
  public struct Configuration: Sendable {
    /// The address to bind (`127.0.0.1`, `0.0.0.0`, `::`).
    public var host: String
    /// The port to bind; 0 picks an ephemeral port (reported through `onListening`).
    public var port: Int
    /// The largest accepted request body, in bytes (413 above it).
    public var maxBodyBytes: Int
    /// Accepted bearer tokens (`Authorization: Bearer <token>`); empty: no token auth.
    public var bearerTokens: Set<String>
    /// Serves HTTPS with this certificate and key when set.
    public var tls: TLS?
    /// PEM file of the CA that signs client certificates (mutual TLS); requires ``tls``.
    public var clientCAPath: String?
    /// Refuse clients without a verified certificate in the handshake (requires
    /// ``clientCAPath``); when false a presented certificate must still verify, and a client
    /// without one must authenticate with a token (else 401).
    public var requireClientCertificate: Bool
    /// Whether `GET /metrics` needs the same credentials as the webhook.
    public var metricsRequireAuthentication: Bool
    /// A connection that sends nothing for this long is closed (slow or stuck clients).
    public var idleTimeout: Duration

    /// Creates a configuration; the defaults listen on 127.0.0.1:8765 over plain HTTP.
    public init(
      host: String = "127.0.0.1",
      port: Int = 8765,
      maxBodyBytes: Int = 16 * 1024 * 1024,
      bearerTokens: Set<String> = [],
      tls: TLS? = nil,
      clientCAPath: String? = nil,
      requireClientCertificate: Bool = false,
      metricsRequireAuthentication: Bool = false,
      idleTimeout: Duration = .seconds(60)
    ) {
      self.host = host
      self.port = port
      self.maxBodyBytes = maxBodyBytes
      self.bearerTokens = bearerTokens
      self.tls = tls
      self.clientCAPath = clientCAPath
      self.requireClientCertificate = requireClientCertificate
      self.metricsRequireAuthentication = metricsRequireAuthentication
      self.idleTimeout = idleTimeout
    }

    /// The server's certificate chain and private key, as PEM files.
    public struct TLS: Sendable, Hashable {
      /// PEM file with the server certificate first, then any intermediates.
      public var certificateChainPath: String
      /// PEM file with the server's private key.
      public var privateKeyPath: String

      /// Creates a TLS configuration from two PEM paths.
      public init(certificateChainPath: String, privateKeyPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
      }
    }

    /// Whether any credential is configured (tokens or a client CA).
    public var requiresAuthentication: Bool { !bearerTokens.isEmpty || clientCAPath != nil }

    /// Checks the combination of settings; throws the first inconsistency.
    public func validate() throws(WebhookServerError) {
      guard (0...65535).contains(port) else {
        throw WebhookServerError(.invalidPort, detail: "\(port)")
      }
      guard idleTimeout > .zero else {
        throw WebhookServerError(.invalidIdleTimeout, detail: "\(idleTimeout)")
      }
      guard maxBodyBytes > 0 else {
        throw WebhookServerError(.invalidBodyLimit, detail: "\(maxBodyBytes)")
      }
      if bearerTokens.contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
        throw WebhookServerError(.invalidToken, detail: "empty or containing whitespace")
      }
      if clientCAPath != nil, tls == nil {
        throw WebhookServerError(.clientCAWithoutTLS, detail: clientCAPath ?? "")
      }
      if requireClientCertificate, clientCAPath == nil {
        throw WebhookServerError(.clientCertificateWithoutCA, detail: "")
      }
    }
  }
}
