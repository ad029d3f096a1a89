import VigilCore
import VigilJSON

/// A GKE Cloud Audit Logs `LogEntry` whose `protoPayload` is a Kubernetes `AuditLog`, converted
/// to a native `audit.k8s.io/v1` Event the way Falco's k8saudit-gke plugin does: verb from the
/// end of `methodName`, objectRef from `resourceName`, `request`/`response` as the bodies,
/// entry and resource labels as annotations, exec/attach as `ResponseStarted` with code 101.
struct GKELogEntry {
  /// The whole LogEntry.
  var entry: JSONValue
  /// Its `protoPayload`.
  var payload: JSONValue

  /// Why this entry is not a Kubernetes audit log, nil when it is one.
  var notAuditReason: String? {
    guard payload.kind == .object else { return "protoPayload is not an object" }
    if let service = payload["serviceName"], !service.stringEquals("k8s.io") {
      return "GKE log entry of service \(AuditDecoder.describe(service)), not k8s.io"
    }
    guard let method = payload["methodName"]?.string, method.hasPrefix("io.k8s.") else {
      return "GKE log entry without an io.k8s.* methodName"
    }
    guard auditID != nil else { return "GKE log entry without operation.id or insertId" }
    return nil
  }

  /// `operation.id`, else `insertId`.
  var auditID: String? {
    entry["operation"]?["id"]?.string ?? entry["insertId"]?.string
  }

  /// The native event's JSON text.
  func nativeJSON() -> [UInt8] {
    let method = payload["methodName"]?.string ?? ""
    let methodParts = method.split(separator: ".", omittingEmptySubsequences: false)
    let verb = methodParts.last.map(String.init) ?? ""
    let resourceName = payload["resourceName"]?.string ?? ""
    var ref = Self.objectReference(resourceName)
    if var r = ref, r.subresource == nil, methodParts.count >= 3,
      methodParts[methodParts.count - 3] == r.resource ?? ""
    {
      r.subresource = String(methodParts[methodParts.count - 2])
      ref = r
    }
    let streaming = ref?.subresource == "exec" || ref?.subresource == "attach"
    let grpc = payload["status"]?["code"]?.int ?? 0
    var code = Self.httpStatus(grpc: grpc)
    if streaming && grpc == 0 { code = 101 }
    let request = payload["request"]
    let response = payload["response"]
    let time = entry["timestamp"] ?? entry["receiveTimestamp"]
    let authentication = payload["authenticationInfo"]
    let metadata = payload["requestMetadata"]

    var w = JSONObjectWriter(
      capacity: 512 + (request?.byteRange.count ?? 0) + (response?.byteRange.count ?? 0))
    w.string("kind", "Event")
    w.string("apiVersion", "audit.k8s.io/v1")
    let hasBody = request?.kind == .object || response?.kind == .object
    w.string("level", streaming ? "Request" : hasBody ? "RequestResponse" : "Metadata")
    w.string("auditID", auditID ?? "")
    w.string("stage", streaming ? "ResponseStarted" : "ResponseComplete")
    w.string("requestURI", Self.requestURI(resourceName))
    w.string("verb", verb)
    w.object("user") { user in
      user.string(
        "username",
        authentication?["principalEmail"]?.string ?? authentication?["principalSubject"]?.string
          ?? "")
    }
    if let ip = metadata?["callerIp"]?.string { w.strings("sourceIPs", [ip]) }
    w.string("userAgent", metadata?["callerSuppliedUserAgent"]?.string)
    if let ref {
      w.object("objectRef") { o in
        o.string("resource", ref.resource)
        o.string("namespace", ref.namespace)
        o.string("name", ref.name)
        o.string("apiGroup", ref.apiGroup)
        o.string("apiVersion", ref.apiVersion)
        o.string("subresource", ref.subresource)
      }
    }
    w.object("responseStatus") { s in
      s.object("metadata") { _ in }
      s.int("code", code)
      if code >= 400 {
        s.string("status", "Failure")
        s.string("message", payload["status"]?["message"]?.string)
      }
    }
    if let request, request.kind == .object { w.raw("requestObject", request.rawBytes) }
    if let response, response.kind == .object { w.raw("responseObject", response.rawBytes) }
    if let time, time.kind == .string {
      w.raw("requestReceivedTimestamp", time.rawBytes)
      w.raw("stageTimestamp", time.rawBytes)
    }
    w.object("annotations") { a in writeAnnotations(&a) }
    return w.finish()
  }

  /// Entry labels and resource labels (`cluster_name`, `location`, `project_id`) as annotations,
  /// plus `authorization.k8s.io/decision` from `authorizationInfo[].granted` when not labelled.
  func writeAnnotations(_ a: inout JSONObjectWriter) {
    var hasDecision = false
    for labels in [entry["labels"], entry["resource"]?["labels"]] {
      labels?.forEachMember { key, value in
        guard value.kind == .string else { return }
        if key == "authorization.k8s.io/decision" { hasDecision = true }
        a.raw(key, value.rawBytes)
      }
    }
    if !hasDecision, let info = payload["authorizationInfo"], info.kind == .array, info.count > 0 {
      var granted = true
      info.forEachElement { if $0["granted"]?.bool != true { granted = false } }
      a.string("authorization.k8s.io/decision", granted ? "allow" : "forbid")
    }
  }

  /// `core/v1/namespaces/default/pods/nginx/exec` → objectRef (Falco's k8saudit-gke rules, plus
  /// a collection of cluster-scoped resources); the core group is left out, as natively.
  static func objectReference(_ resourceName: String) -> ObjectReference? {
    let parts = resourceName.split(separator: "/", omittingEmptySubsequences: false).map(
      String.init)
    guard parts.count >= 3, !parts[0].isEmpty else { return nil }
    var ref = ObjectReference(apiGroup: parts[0] == "core" ? nil : parts[0], apiVersion: parts[1])
    let namespaced = parts[2] == "namespaces" && parts.count >= 5
    let rest = namespaced ? Array(parts[4...]) : Array(parts[2...])
    if namespaced { ref.namespace = parts[3] }
    ref.resource = rest[0]
    if rest.count >= 2 { ref.name = rest[1] }
    if rest.count >= 3 { ref.subresource = rest[2...].joined(separator: "/") }
    return ref
  }

  /// `core/v1/…` → `/api/v1/…`, `apps/v1/…` → `/apis/apps/v1/…`.
  static func requestURI(_ resourceName: String) -> String {
    if resourceName.hasPrefix("core/") { return "/api/" + resourceName.dropFirst(5) }
    return resourceName.isEmpty ? "/" : "/apis/" + resourceName
  }

  /// gRPC status code → HTTP status code (google.rpc.Code mapping).
  static func httpStatus(grpc: Int64) -> Int {
    switch grpc {
    case 0: 200
    case 3: 400
    case 5: 404
    case 6: 409
    case 7: 403
    case 16: 401
    default: 500
    }
  }
}

extension AuditDecoder {
  /// Decodes a GKE LogEntry (`protoPayload` of `@type` AuditLog) as a native event of shape `.gke`.
  func decodeGKE(entry: JSONValue, payload: JSONValue, sink: inout DecodeSink) {
    let gke = GKELogEntry(entry: entry, payload: payload)
    if let reason = gke.notAuditReason {
      sink.notAuditEvent(reason)
      return
    }
    guard let document = try? JSONDocument(parsing: gke.nativeJSON()) else {
      sink.notAuditEvent("GKE log entry could not be normalized")
      return
    }
    decodeNative(document, shape: .gke, sink: &sink)
  }
}
