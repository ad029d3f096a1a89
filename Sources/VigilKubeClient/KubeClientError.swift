/// Why reaching or reading the Kubernetes API failed: a code and a message with the details.
public struct KubeClientError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What kind of failure.
  public enum Code: Sendable, Equatable {
    /// The kubeconfig file is missing, unreadable or not valid YAML of the expected shape.
    case invalidKubeconfig
    /// The requested (or current) context is not in the kubeconfig.
    case contextNotFound
    /// The context names a cluster that is not in the kubeconfig.
    case clusterNotFound
    /// The context names a user that is not in the kubeconfig.
    case userNotFound
    /// The in-cluster environment (service host/port, token) is absent.
    case notInCluster
    /// A file named by the configuration (CA, certificate, key, token) could not be read.
    case unreadableFile
    /// A certificate or key is not valid PEM, or the TLS configuration could not be built.
    case invalidTLSMaterial
    /// The exec credential plugin could not be run, failed, or timed out.
    case execFailed
    /// The exec credential plugin printed something that is not an ExecCredential.
    case invalidExecCredential
    /// The server URL or a request built from it is invalid.
    case invalidRequest
    /// The connection or TLS handshake failed, or the connection broke.
    case transport
    /// 401: the credentials were rejected.
    case unauthorized
    /// 403: the credentials lack permission.
    case forbidden
    /// 404: the resource (or its API group) is not served.
    case notFound
    /// 410: the resource version is too old; the caller must list again.
    case gone
    /// Any other non-2xx HTTP status.
    case httpStatus
    /// A response body that is not the JSON expected.
    case invalidResponse
    /// The watch stream sent an ERROR event (other than 410).
    case watchError
  }

  /// What kind of failure.
  public var code: Code
  /// The details: paths, names, the server's message.
  public var message: String
  /// The HTTP status (or a Status object's code) when the server answered.
  public var status: Int?

  /// Creates an error.
  public init(_ code: Code, _ message: String, status: Int? = nil) {
    self.code = code
    self.message = message
    self.status = status
  }

  /// `unauthorized (401): list pods: Unauthorized`.
  public var description: String {
    let what: String
    switch code {
    case .invalidKubeconfig: what = "invalid kubeconfig"
    case .contextNotFound: what = "context not found"
    case .clusterNotFound: what = "cluster not found"
    case .userNotFound: what = "user not found"
    case .notInCluster: what = "not running in a cluster"
    case .unreadableFile: what = "unreadable file"
    case .invalidTLSMaterial: what = "invalid TLS material"
    case .execFailed: what = "exec credential plugin failed"
    case .invalidExecCredential: what = "invalid exec credential"
    case .invalidRequest: what = "invalid request"
    case .transport: what = "connection failed"
    case .unauthorized: what = "unauthorized"
    case .forbidden: what = "forbidden"
    case .notFound: what = "not found"
    case .gone: what = "resource version expired"
    case .httpStatus: what = "HTTP error"
    case .invalidResponse: what = "invalid response"
    case .watchError: what = "watch error"
    }
    let code = status.map { " (\($0))" } ?? ""
    return "\(what)\(code): \(message)"
  }

  /// The error for an HTTP status answered by the server.
  static func http(status: Int, _ message: String) -> KubeClientError {
    let code: Code
    switch status {
    case 401: code = .unauthorized
    case 403: code = .forbidden
    case 404: code = .notFound
    case 410: code = .gone
    default: code = .httpStatus
    }
    return KubeClientError(code, message, status: status)
  }
}
