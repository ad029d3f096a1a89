/// Builds one window of audit traffic for the demo cluster: benign activity plus the attacks.
///
/// Requests are collected unordered, expanded into their stages, then sorted by stage time (the
/// order the API server writes them) and clipped to the window.
struct DemoDay {
  var rng: SplitMix64
  var cluster: DemoCluster
  /// Start of the window, nanoseconds since the epoch.
  let start: Int64
  /// End of the window (exclusive).
  let end: Int64
  /// Multiplier on the rate of benign traffic.
  let scale: Double
  /// Collected requests.
  var requests: [DemoRequest] = []
  /// The attacks woven in, with their audit IDs.
  var attacks: [DemoAttack] = []
  /// A cluster-wide resourceVersion counter.
  var resourceVersion: Int64 = 48_211_907

  init(seed: UInt64, start: Int64, duration: Int64, scale: Double) {
    rng = SplitMix64(seed: seed)
    cluster = DemoCluster(rng: &rng)
    self.start = start
    self.end = start + duration
    self.scale = scale
  }

  /// The Kubernetes release the cluster runs, as user agents print it.
  static let kubeVersion = "v1.30.2 (linux/amd64) kubernetes/3968350"
  /// `kubectl`'s user agent.
  static let kubectl = "kubectl/\(kubeVersion)"

  /// The next resourceVersion.
  mutating func nextRV() -> Int64 {
    resourceVersion += Int64(rng.int(1...40))
    return resourceVersion
  }

  /// An `objectRef`.
  static func ref(
    _ resource: String, namespace: String? = nil, name: String? = nil, group: String = "",
    version: String = "v1", subresource: String? = nil, uid: String? = nil, rv: Int64? = nil
  ) -> DemoJSON {
    var m: [(String, DemoJSON)] = [("resource", .string(resource))]
    if let namespace { m.append(("namespace", .string(namespace))) }
    if let name { m.append(("name", .string(name))) }
    if let uid { m.append(("uid", .string(uid))) }
    if !group.isEmpty { m.append(("apiGroup", .string(group))) }
    m.append(("apiVersion", .string(version)))
    if let rv { m.append(("resourceVersion", .string(String(rv)))) }
    if let subresource { m.append(("subresource", .string(subresource))) }
    return .object(m)
  }

  /// Records one request and returns its audit ID.
  @discardableResult
  mutating func request(
    at: Int64, _ actor: DemoActor, _ verb: String, _ uri: String, ref: DemoJSON?,
    level: DemoRequest.Level = .metadata, code: Int64 = 200, reason: String = "",
    decision: String = "allow", latencyMillis: Double = 4, startedAfter: Int64? = nil,
    latency: Int64? = nil, requestObject: DemoJSON? = nil, responseObject: DemoJSON? = nil,
    failure: DemoJSON? = nil, impersonated: DemoJSON? = nil, annotations: [(String, String)] = []
  ) -> String {
    let id = rng.uuid()
    let user = actor.username
    let authenticated = code != 401
    let logsReceived = authenticated && !user.hasPrefix("system:")
    var failure = failure
    if code == 403, failure == nil, case .object(let r)? = ref {
      failure = DemoDay.forbidden(
        user: impersonated.flatMap { $0["username"] }.flatMap(\.stringValue) ?? user, verb: verb,
        ref: .object(r))
    }
    if code == 401 {
      failure = ["message": "Authentication failed, attempted: bearer"]
    }
    requests.append(
      DemoRequest(
        auditID: id, received: at + Int64(rng.int(0...999)) * 1000,
        latency: latency ?? rng.latencyNanos(typicalMillis: latencyMillis),
        startedAfter: code == 401 ? rng.latencyNanos(typicalMillis: 0.4) : startedAfter, verb: verb,
        uri: uri, actor: actor, impersonated: impersonated, objectRef: ref, level: level,
        logsReceived: logsReceived, code: code, failure: failure,
        authorization: authenticated ? (code == 403 ? ("forbid", "") : (decision, reason)) : nil,
        annotations: annotations, requestObject: requestObject, responseObject: responseObject,
        completes: authenticated))
    return id
  }

  /// The `responseStatus` of an RBAC denial, worded as the API server words it.
  static func forbidden(user: String, verb: String, ref: DemoJSON) -> DemoJSON {
    let resource = ref["resource"]?.stringValue ?? ""
    let sub = ref["subresource"]?.stringValue
    let group = ref["apiGroup"]?.stringValue ?? ""
    let name = ref["name"]?.stringValue
    let full = sub.map { "\(resource)/\($0)" } ?? resource
    var message = name.map { "\(full) \"\($0)\" is forbidden: " } ?? "\(full) is forbidden: "
    message += "User \"\(user)\" cannot \(verb) resource \"\(full)\" in API group \"\(group)\""
    if let ns = ref["namespace"]?.stringValue {
      message += " in the namespace \"\(ns)\""
    } else {
      message += " at the cluster scope"
    }
    var details: [(String, DemoJSON)] = []
    if let name { details.append(("name", .string(name))) }
    if !group.isEmpty { details.append(("group", .string(group))) }
    details.append(("kind", .string(resource)))
    return [
      "status": "Failure", "message": .string(message), "reason": "Forbidden",
      "details": .object(details),
    ]
  }

  /// All stages in time order, clipped to the window.
  func lines() -> [String] {
    var stages: [(at: Int64, order: Int, line: String)] = []
    stages.reserveCapacity(requests.count * 2)
    for request in requests {
      for stage in request.stages() where stage.at >= start && stage.at < end {
        stages.append((stage.at, stages.count, stage.line))
      }
    }
    stages.sort { $0.at != $1.at ? $0.at < $1.at : $0.order < $1.order }
    return stages.map(\.line)
  }
}

extension DemoDay {
  /// A UUID-shaped string derived from `seed` text (FNV-1a), for stable token IDs.
  static func pseudoUUID(_ seed: String) -> String {
    var rng = SplitMix64(
      seed: seed.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
    return rng.uuid()
  }
}

extension DemoJSON {
  /// The string, when this is a string.
  var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }
}
