/// One API request in the demo, expanded into the audit events (stages) the API server writes.
struct DemoRequest: Sendable {
  /// The audit policy level the request is logged at.
  enum Level: String, Sendable {
    case metadata = "Metadata"
    case request = "Request"
    case requestResponse = "RequestResponse"
  }

  /// `auditID`.
  var auditID: String
  /// When the request was received, nanoseconds since the epoch.
  var received: Int64
  /// Nanoseconds from receipt to `ResponseComplete`.
  var latency: Int64
  /// Nanoseconds from receipt to `ResponseStarted`, for long-running requests (watch, exec …).
  var startedAfter: Int64?
  /// `verb`.
  var verb: String
  /// `requestURI`.
  var uri: String
  /// Who sent it.
  var actor: DemoActor
  /// `impersonatedUser`, under `--as`.
  var impersonated: DemoJSON?
  /// `objectRef`, nil for non-resource URLs.
  var objectRef: DemoJSON?
  /// Audit level.
  var level: Level
  /// Whether the policy logs the `RequestReceived` stage for this request.
  var logsReceived: Bool
  /// HTTP status.
  var code: Int64
  /// `responseStatus` beyond the code for failures: status, message, reason, details.
  var failure: DemoJSON?
  /// `authorization.k8s.io/decision` and `reason`; nil when authentication failed.
  var authorization: (decision: String, reason: String)?
  /// Further annotations (pod security, mutation webhooks).
  var annotations: [(String, String)] = []
  /// The request body (logged at Request and RequestResponse levels).
  var requestObject: DemoJSON?
  /// The response body (logged at RequestResponse level).
  var responseObject: DemoJSON?
  /// False when the request never completes (failed authentication stops at `ResponseStarted`).
  var completes = true

  /// The audit events for this request: (stage time, JSON line).
  func stages() -> [(at: Int64, line: String)] {
    var out: [(Int64, String)] = []
    if logsReceived { out.append((received, event(stage: "RequestReceived", at: received))) }
    if let startedAfter {
      out.append(
        (received + startedAfter, event(stage: "ResponseStarted", at: received + startedAfter)))
    }
    if completes {
      out.append((received + latency, event(stage: "ResponseComplete", at: received + latency)))
    }
    return out
  }

  private func event(stage: String, at: Int64) -> String {
    var members: [(String, DemoJSON)] = [
      ("kind", "Event"), ("apiVersion", "audit.k8s.io/v1"), ("level", .string(level.rawValue)),
      ("auditID", .string(auditID)), ("stage", .string(stage)), ("requestURI", .string(uri)),
      ("verb", .string(verb)), ("user", actor.user),
    ]
    if let impersonated { members.append(("impersonatedUser", impersonated)) }
    members.append(("sourceIPs", .strings([actor.sourceIP])))
    members.append(("userAgent", .string(actor.userAgent)))
    if let objectRef { members.append(("objectRef", objectRef)) }
    let received = stage == "RequestReceived"
    if !received {
      var status: [(String, DemoJSON)] = [("metadata", .object([]))]
      if case .object(let extra)? = failure { status += extra }
      status.append(("code", .int(code)))
      members.append(("responseStatus", .object(status)))
      if stage == "ResponseComplete", level != .metadata, let requestObject {
        members.append(("requestObject", requestObject))
      }
      if stage == "ResponseComplete", level == .requestResponse, let responseObject {
        members.append(("responseObject", responseObject))
      }
    }
    members.append(("requestReceivedTimestamp", .string(DemoTime.rfc3339(self.received))))
    members.append(("stageTimestamp", .string(DemoTime.rfc3339(at))))
    if !received {
      var notes: [(String, DemoJSON)] = []
      if let authorization {
        notes.append(("authorization.k8s.io/decision", .string(authorization.decision)))
        notes.append(("authorization.k8s.io/reason", .string(authorization.reason)))
      }
      for (k, v) in annotations { notes.append((k, .string(v))) }
      if !notes.isEmpty { members.append(("annotations", .object(notes))) }
    }
    return DemoJSON.object(members).text
  }
}
