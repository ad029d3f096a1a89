/// Who sends a request in the demo cluster: the audit `user`, the client's address and user agent.
struct DemoActor: Sendable {
  /// `user.username`.
  var username: String
  /// The `user` object as the API server writes it (username, uid, groups, extra).
  var user: DemoJSON
  /// `sourceIPs[0]`.
  var sourceIP: String
  /// `userAgent`.
  var userAgent: String

  /// A human authenticated by OIDC.
  static func human(_ email: String, groups: [String], ip: String, agent: String) -> DemoActor {
    DemoActor(
      username: email,
      user: ["username": .string(email), "groups": .strings(groups + ["system:authenticated"])],
      sourceIP: ip, userAgent: agent)
  }

  /// A service account; `pod` adds the bound-token claims a 1.30 API server records.
  static func serviceAccount(
    _ namespace: String, _ name: String, uid: String, credential: String,
    pod: (name: String, uid: String, node: String, nodeUID: String)? = nil, ip: String,
    agent: String
  ) -> DemoActor {
    let username = "system:serviceaccount:\(namespace):\(name)"
    var extra: [(String, DemoJSON)] = [
      ("authentication.kubernetes.io/credential-id", .strings(["JTI=\(credential)"]))
    ]
    if let pod {
      extra += [
        ("authentication.kubernetes.io/node-name", .strings([pod.node])),
        ("authentication.kubernetes.io/node-uid", .strings([pod.nodeUID])),
        ("authentication.kubernetes.io/pod-name", .strings([pod.name])),
        ("authentication.kubernetes.io/pod-uid", .strings([pod.uid])),
      ]
    }
    let user: DemoJSON = [
      "username": .string(username), "uid": .string(uid),
      "groups": .strings([
        "system:serviceaccounts", "system:serviceaccounts:\(namespace)", "system:authenticated",
      ]),
      "extra": .object(extra),
    ]
    return DemoActor(username: username, user: user, sourceIP: ip, userAgent: agent)
  }

  /// A control-plane component or kubelet authenticated by client certificate.
  static func system(_ username: String, groups: [String], ip: String, agent: String) -> DemoActor {
    DemoActor(
      username: username,
      user: ["username": .string(username), "groups": .strings(groups)],
      sourceIP: ip, userAgent: agent)
  }

  /// The unauthenticated user.
  static func anonymous(ip: String, agent: String) -> DemoActor {
    DemoActor(
      username: "system:anonymous",
      user: ["username": "system:anonymous", "groups": ["system:unauthenticated"]],
      sourceIP: ip, userAgent: agent)
  }

  /// A client whose credentials were rejected (the API server records an empty user).
  static func unauthenticated(ip: String, agent: String) -> DemoActor {
    DemoActor(username: "", user: .object([]), sourceIP: ip, userAgent: agent)
  }
}
