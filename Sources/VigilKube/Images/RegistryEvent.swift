import VigilCore

/// A registry used for the first time, cluster-wide or in one namespace: the caller decides
/// whether it becomes an alert.
public struct RegistryEvent: Sendable, Hashable, CustomStringConvertible {
  /// Where the registry is new.
  public enum Kind: String, Sendable, Hashable {
    /// Never seen before anywhere in the cluster.
    case firstInCluster = "first-in-cluster"
    /// Known in the cluster, but never before in this namespace.
    case firstInNamespace = "first-in-namespace"
  }

  /// Where the registry is new.
  public var kind: Kind
  /// The registry host and port.
  public var registry: String
  /// Its class.
  public var registryClass: RegistryClass
  /// The image that used it.
  public var image: ImageReference
  /// The namespace of the workload.
  public var namespace: String
  /// The workload running it, when known.
  public var workload: WorkloadReference?
  /// When it was seen.
  public var time: Timestamp

  /// Creates an event.
  public init(
    kind: Kind, registry: String, registryClass: RegistryClass, image: ImageReference,
    namespace: String,
    workload: WorkloadReference?, time: Timestamp
  ) {
    self.kind = kind
    self.registry = registry
    self.registryClass = registryClass
    self.image = image
    self.namespace = namespace
    self.workload = workload
    self.time = time
  }

  /// A suggested severity: a new public registry matters most, a new namespace for a known one least.
  public var suggestedSeverity: Severity {
    switch (kind, registryClass) {
    case (.firstInCluster, .public): .warning
    case (.firstInCluster, _): .notice
    case (.firstInNamespace, .public): .notice
    case (.firstInNamespace, _): .informational
    }
  }

  /// `first use of registry quay.io (public) in the cluster: quay.io/a/b:1 by Deployment ns/x`.
  public var description: String {
    let place = kind == .firstInCluster ? "in the cluster" : "in namespace \(namespace)"
    let user =
      workload.map { " by \($0)" } ?? (kind == .firstInCluster ? " in namespace \(namespace)" : "")
    return "first use of registry \(registry) (\(registryClass)) \(place): \(image)\(user)"
  }
}
