import VigilCore

/// Classifying the identity behind a request.
extension FieldSupport {
  /// The kinds of identity `user.kind` reports.
  enum UserKind: String {
    /// `system:anonymous`, or any member of `system:unauthenticated`.
    case anonymous
    /// `system:serviceaccount:<namespace>:<name>`.
    case serviceaccount
    /// `system:node:<name>` (kubelets), or a member of `system:nodes`.
    case node
    /// Control-plane and cloud-provider identities: other `system:*` users, `eks:*`, `aksService`,
    /// `masterclient`, `kubeadm:*`.
    case system
    /// Everyone else: people and their tools (kubectl, CI pipelines with personal credentials).
    case human
  }

  /// The kind of identity of `user`.
  static func userKind(_ user: UserInfo) -> UserKind {
    let name = user.username
    if name == "system:anonymous" || user.groups.contains("system:unauthenticated") {
      return .anonymous
    }
    if name.hasPrefix("system:serviceaccount:") { return .serviceaccount }
    if name.hasPrefix("system:node:") || user.groups.contains("system:nodes") { return .node }
    if name.hasPrefix("system:") || name.hasPrefix("eks:") || name.hasPrefix("kubeadm:")
      || name == "aksService" || name == "masterclient" || name == "nodeclient"
    {
      return .system
    }
    return .human
  }

  /// `(namespace, name)` of a `system:serviceaccount:<namespace>:<name>` user.
  static func serviceAccount(_ username: String) -> (namespace: String, name: String)? {
    let prefix = "system:serviceaccount:"
    guard username.hasPrefix(prefix) else { return nil }
    let rest = username.utf8.dropFirst(prefix.utf8.count)
    guard let colon = rest.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    let namespace = String(Substring(rest[rest.startIndex..<colon]))
    let name = String(Substring(rest[rest.index(after: colon)...]))
    guard !namespace.isEmpty, !name.isEmpty else { return nil }
    return (namespace, name)
  }
}
