import VigilCore
import VigilJSON

/// One API request of the simulation, written as the audit.k8s.io/v1 Event the API server logs
/// at `ResponseComplete` (Request level where a body is logged, Metadata otherwise).
struct ScenarioAuditRequest {
  var verb: String
  var uri: String
  var user: String
  var groups: [String]
  var sourceIP: String
  var userAgent: String
  var resource: String?
  var namespace: String?
  var name: String?
  var subresource: String?
  var apiGroup: String?
  var code = 200
  /// The request body as JSON text.
  var requestObject: String?

  /// The JSON line, received at `time`, with `auditID`.
  func line(at time: Timestamp, auditID: String) -> String {
    func q(_ text: String) -> String { JSONText.quoted(text) }
    var out = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","#
    out += #""level":\#(q(requestObject == nil ? "Metadata" : "Request")),"#
    out += #""auditID":\#(q(auditID)),"stage":"ResponseComplete","#
    out += #""requestURI":\#(q(uri)),"verb":\#(q(verb)),"#
    out += #""user":{"username":\#(q(user)),"groups":[\#(groups.map(q).joined(separator: ","))]},"#
    out += #""sourceIPs":[\#(q(sourceIP))],"userAgent":\#(q(userAgent)),"#
    if let resource {
      var ref = #""resource":\#(q(resource))"#
      if let namespace { ref += #","namespace":\#(q(namespace))"# }
      if let name { ref += #","name":\#(q(name))"# }
      if let subresource { ref += #","subresource":\#(q(subresource))"# }
      if let apiGroup { ref += #","apiGroup":\#(q(apiGroup))"# }
      ref += #","apiVersion":\#(q(apiGroup == nil ? "v1" : "v1"))"#
      out += #""objectRef":{\#(ref)},"#
    }
    out += #""responseStatus":{"metadata":{},"code":\#(code)},"#
    if let requestObject { out += #""requestObject":\#(requestObject),"# }
    let received = time.rfc3339(fractionDigits: 6)
    let completed = time.adding(.milliseconds(12)).rfc3339(fractionDigits: 6)
    out += #""requestReceivedTimestamp":\#(q(received)),"stageTimestamp":\#(q(completed)),"#
    let decision = code == 403 ? "forbid" : "allow"
    out += #""annotations":{"authorization.k8s.io/decision":\#(q(decision)),"#
    out += #""authorization.k8s.io/reason":""}}"#
    return out
  }

  /// The URI of a resource request.
  static func uri(
    resource: String, apiGroup: String?, namespace: String?, name: String?,
    subresource: String? = nil, query: String? = nil
  ) -> String {
    var path = apiGroup.map { "/apis/\($0)/v1" } ?? "/api/v1"
    if let namespace { path += "/namespaces/\(namespace)" }
    path += "/\(resource)"
    if let name { path += "/\(name)" }
    if let subresource { path += "/\(subresource)" }
    if let query { path += "?\(query)" }
    return path
  }
}
