/// Where a container ID runs: its pod and container name.
public struct ContainerLocation: Sendable, Hashable, CustomStringConvertible {
  /// The container ID without its runtime scheme (64 hex characters for containerd and docker).
  public var containerID: String
  /// The runtime scheme (`containerd`, `docker`, `cri-o`), empty when none was given.
  public var runtime: String
  /// The pod's namespace.
  public var namespace: String
  /// The pod's name.
  public var podName: String
  /// The pod's uid.
  public var podUID: String
  /// The container's name.
  public var containerName: String

  /// Creates a location.
  public init(
    containerID: String, runtime: String, namespace: String, podName: String, podUID: String,
    containerName: String
  ) {
    self.containerID = containerID
    self.runtime = runtime
    self.namespace = namespace
    self.podName = podName
    self.podUID = podUID
    self.containerName = containerName
  }

  /// `payments/api-7d9f-x2 container app`.
  public var description: String { "\(namespace)/\(podName) container \(containerName)" }

  /// Splits `containerd://abc` into (`containerd`, `abc`); text without a scheme is all ID.
  public static func split(_ text: String) -> (runtime: String, id: String) {
    let utf8 = Array(text.utf8)
    var i = 0
    while i + 2 < utf8.count {
      if utf8[i] == 0x3A, utf8[i + 1] == 0x2F, utf8[i + 2] == 0x2F {
        return (
          String(decoding: utf8[..<i], as: UTF8.self),
          String(decoding: utf8[(i + 3)...], as: UTF8.self)
        )
      }
      i += 1
    }
    return ("", text)
  }

  /// The length of the short IDs (`docker ps`, `crictl ps`) that lookups accept.
  public static let shortIDLength = 12
}
