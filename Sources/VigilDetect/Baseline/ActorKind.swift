/// What kind of identity made a request: a person, a workload's service account, or the
/// cluster's own machinery (controllers, nodes, the scheduler, kube-system service accounts).
public enum ActorKind: Sendable, Hashable {
  /// A user from the identity provider or a client certificate: `alice@example.com`.
  case human
  /// `system:serviceaccount:<namespace>:<name>` outside `kube-system`.
  case serviceAccount
  /// Cluster machinery: `system:serviceaccount:kube-system:*`, `system:node:*`,
  /// `system:kube-controller-manager`, `system:kube-scheduler`, `system:apiserver` …
  case system

  /// The kind of `username`.
  public init(username: String) {
    if username.hasPrefix("system:serviceaccount:") {
      self =
        username.hasPrefix("system:serviceaccount:kube-system:") ? .system : .serviceAccount
    } else if username.hasPrefix("system:") {
      self = .system
    } else {
      self = .human
    }
  }
}
