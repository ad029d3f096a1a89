import Hummingbird
import VigilCore
import VigilJSON
import VigilKube

extension ClusterAPI {
  /// `GET /api/v1/identity?ip=10.244.1.5[&at=2026-11-29T08:00:00Z]`: who held the address then
  /// (now when `at` is absent), its workload, the address class and the confidence.
  func identity(_ request: Request, _ cluster: ClusterState) -> Response {
    guard let text = Self.parameter(request, "ip") else {
      return .jsonError(.badRequest, "ip is required")
    }
    guard let address = IPAddress(text) else {
      return .jsonError(.badRequest, "ip: not an IPv4 or IPv6 address: \(text)")
    }
    var time = now()
    if let atText = Self.parameter(request, "at") {
      guard let at = Timestamp(rfc3339: atText) else {
        return .jsonError(.badRequest, "at: not an RFC 3339 time: \(atText)")
      }
      time = at
    }
    let resolution = cluster.read { $0.inventory.resolve(ip: address, at: time) }
    return .json(.ok, Self.json(resolution, at: time))
  }

  /// The resolution as one JSON object.
  static func json(_ resolution: IdentityResolution, at time: Timestamp) -> String {
    var out = "{\"ip\":\(JSONText.quoted(resolution.address.description))"
    out += ",\"at\":\(JSONText.quoted(time.rfc3339()))"
    out += ",\"class\":\(JSONText.quoted(resolution.addressClass.rawValue))"
    out += ",\"confidence\":\(JSONText.quoted(resolution.confidence.rawValue))"
    out += ",\"node\":\(optional(resolution.nodeName))"
    out += ",\"description\":\(JSONText.quoted(resolution.description))"
    if let holder = resolution.holder {
      out += ",\"holder\":{\"class\":\(JSONText.quoted(holder.addressClass.rawValue))"
      out += ",\"namespace\":\(optional(holder.namespace.isEmpty ? nil : holder.namespace))"
      out += ",\"name\":\(JSONText.quoted(holder.name)),\"uid\":\(JSONText.quoted(holder.uid))}"
    } else {
      out += ",\"holder\":null"
    }
    if let workload = resolution.holder?.workload {
      out += ",\"workload\":{\"kind\":\(JSONText.quoted(workload.kind))"
      out += ",\"namespace\":\(JSONText.quoted(workload.namespace))"
      out += ",\"name\":\(JSONText.quoted(workload.name))"
      out += ",\"confidence\":\(optional(resolution.holder?.workloadConfidence?.rawValue))}"
    } else {
      out += ",\"workload\":null"
    }
    return out + "}"
  }
}
