/// A kubeconfig `users[].user.exec` entry: a command run (without a shell) to obtain a
/// `client.authentication.k8s.io` ExecCredential.
public struct ExecCredentialPlugin: Sendable, Equatable {
  /// The program: an absolute path, a path relative to `directory` (when it contains `/`), or a
  /// name searched in `PATH`.
  public var command: String
  /// Its arguments, passed as an array (no shell parsing).
  public var arguments: [String]
  /// Variables added to the inherited environment.
  public var environment: [String: String]
  /// The ExecCredential version expected (`client.authentication.k8s.io/v1` or `/v1beta1`).
  public var apiVersion: String
  /// The directory relative commands are resolved against (the kubeconfig's).
  public var directory: String
  /// How long the plugin may run before it is terminated.
  public var timeout: Duration

  /// The API versions this client understands.
  public static let supportedAPIVersions = [
    "client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1",
  ]

  /// Creates a plugin description.
  public init(
    command: String, arguments: [String] = [], environment: [String: String] = [:],
    apiVersion: String = "client.authentication.k8s.io/v1", directory: String = "",
    timeout: Duration = .seconds(60)
  ) {
    self.command = command
    self.arguments = arguments
    self.environment = environment
    self.apiVersion = apiVersion
    self.directory = directory
    self.timeout = timeout
  }
}
