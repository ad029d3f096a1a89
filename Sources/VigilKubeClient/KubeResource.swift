/// One kind of Kubernetes object the client can list and watch: its API group and version,
/// plural name (the URL segment) and kind.
public struct KubeResource: Sendable, Hashable, CustomStringConvertible {
  /// The API group; empty for the core group (`v1` pods, services …).
  public var group: String
  /// The API version (`v1`).
  public var version: String
  /// The plural resource name used in URLs (`pods`, `endpointslices`).
  public var plural: String
  /// The object kind (`Pod`, `EndpointSlice`).
  public var kind: String
  /// Whether objects live in namespaces.
  public var namespaced: Bool
  /// Whether the API may be absent (a CRD such as the Gateway API): a 404 on list then means
  /// "not installed" rather than an error.
  public var optional: Bool

  /// Creates a resource description.
  public init(
    group: String, version: String, plural: String, kind: String, namespaced: Bool,
    optional: Bool = false
  ) {
    self.group = group
    self.version = version
    self.plural = plural
    self.kind = kind
    self.namespaced = namespaced
    self.optional = optional
  }

  /// `v1` for the core group, else `group/version`.
  public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

  /// The collection path across all namespaces (`/api/v1/pods`, `/apis/apps/v1/deployments`),
  /// or within `namespace` when given and the resource is namespaced.
  public func path(namespace: String? = nil) -> String {
    let base = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
    if namespaced, let namespace, !namespace.isEmpty {
      return "\(base)/namespaces/\(namespace)/\(plural)"
    }
    return "\(base)/\(plural)"
  }

  /// `pods.v1`, `deployments.v1.apps`: kubectl's fully qualified spelling.
  public var description: String {
    group.isEmpty ? "\(plural).\(version)" : "\(plural).\(version).\(group)"
  }
}
