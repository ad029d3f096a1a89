/// How to reach one API server: its URL, how to trust it, and how to authenticate.
///
/// Built by `fromKubeconfig(path:context:)` or `inCluster(environment:root:)`, or directly.
public struct KubeConfiguration: Sendable {
  /// PEM text given inline or as a file read when the client is built (or, for tokens, on use).
  public enum Material: Sendable, Equatable {
    /// The bytes themselves (decoded from a kubeconfig's `*-data` base64).
    case data([UInt8])
    /// A file path (absolute, or resolved against the kubeconfig's directory by the loader).
    case file(String)
  }

  /// A bearer token: inline, or a file re-read when it changes (projected service-account
  /// tokens rotate).
  public enum Token: Sendable, Equatable {
    /// A fixed token.
    case inline(String)
    /// A file holding the token.
    case file(String)
  }

  /// A client certificate and its key, both PEM.
  public struct ClientCertificate: Sendable, Equatable {
    /// The certificate (chain) PEM.
    public var certificate: Material
    /// The private key PEM.
    public var key: Material

    /// Creates a certificate/key pair.
    public init(certificate: Material, key: Material) {
      self.certificate = certificate
      self.key = key
    }
  }

  /// The API server's base URL (`https://10.0.0.1:443`), without a trailing slash.
  public var server: String
  /// The CA bundle that signs the server certificate; nil trusts the system roots.
  public var certificateAuthority: Material?
  /// Skips server certificate verification (kubeconfig's `insecure-skip-tls-verify`).
  public var insecureSkipTLSVerify: Bool
  /// A bearer token sent in `Authorization`.
  public var token: Token?
  /// A client certificate presented in the TLS handshake.
  public var clientCertificate: ClientCertificate?
  /// An exec credential plugin run for a token or certificate (cached until it expires).
  public var exec: ExecCredentialPlugin?
  /// The default namespace (the context's, or the service account's in a cluster).
  public var namespace: String

  /// Creates a configuration.
  public init(
    server: String, certificateAuthority: Material? = nil, insecureSkipTLSVerify: Bool = false,
    token: Token? = nil, clientCertificate: ClientCertificate? = nil,
    exec: ExecCredentialPlugin? = nil, namespace: String = "default"
  ) {
    var server = server
    while server.hasSuffix("/") { server.removeLast() }
    self.server = server
    self.certificateAuthority = certificateAuthority
    self.insecureSkipTLSVerify = insecureSkipTLSVerify
    self.token = token
    self.clientCertificate = clientCertificate
    self.exec = exec
    self.namespace = namespace
  }
}
