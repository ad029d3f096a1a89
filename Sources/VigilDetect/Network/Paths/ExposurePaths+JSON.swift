import VigilCore
import VigilJSON
import VigilNet

extension ExposurePaths {
  /// `{"entryPoints":…,"counts":{…},"paths":[…]}`: every path with its entry point, hops and
  /// evidence, for `GET /api/v1/exposure/paths` and `vigil exposure --paths --format json`.
  public var json: String {
    var out = "{\"entryPoints\":\(entryPoints),\"counts\":{"
    out += "\"observed\":\(paths(.observed).count),"
    out += "\"policyAllowed\":\(paths(.policyAllowed).count),"
    out += "\"direct\":\(paths(.direct).count)},\"paths\":["
    out += paths.map(\.json).joined(separator: ",")
    return out + "]}"
  }
}

extension ExposurePath {
  /// One path as a JSON object.
  public var json: String {
    func q(_ text: String) -> String { JSONText.quoted(text) }
    func time(_ value: Timestamp?) -> String { value.map { q($0.rfc3339()) } ?? "null" }
    var out = "{\"id\":\(q(id)),\"kind\":\(q(kind.rawValue)),"
    out += "\"entry\":{\"kind\":\(q(entry.kind.displayName)),"
    out += "\"object\":\(q(entry.id.source.description)),\"entry\":\(q(entry.id.entry)),"
    out += "\"label\":\(q(entry.label)),"
    out += "\"ports\":[\(entry.ports.map { q($0.description) }.joined(separator: ","))],"
    out += "\"addresses\":[\(entry.addresses.map(q).joined(separator: ","))],"
    out += "\"publicConnections\":\(entry.publicConnections)},"
    out += "\"start\":{\"id\":\(q(start)),\"label\":\(q(startLabel))},"
    out += "\"target\":{\"id\":\(q(target)),\"label\":\(q(targetLabel)),"
    out += "\"sensitivity\":{\"level\":\(q(sensitivity.level.rawValue)),"
    out += "\"product\":\(q(sensitivity.product)),\"reason\":\(q(sensitivity.reason))}},"
    out += "\"connections\":\(connections),\"firstSeen\":\(time(firstSeen)),"
    out += "\"lastSeen\":\(time(lastSeen)),\"hops\":["
    out += hops.map { hop in
      var text = "{\"from\":\(q(hop.from)),\"to\":\(q(hop.to)),\"toLabel\":\(q(hop.toLabel)),"
      switch hop.evidence {
      case .observed(let seen):
        text += "\"evidence\":\"observed\","
        text += "\"ports\":[\(seen.ports.map(q).joined(separator: ","))],"
        text += "\"connections\":\(seen.connections),\"bytesOut\":\(seen.bytesOut),"
        text += "\"bytesIn\":\(seen.bytesIn),\"firstSeen\":\(time(seen.firstSeen)),"
        text += "\"lastSeen\":\(time(seen.lastSeen))}"
      case .policyAllowed(let port, let proto, let decision):
        text += "\"evidence\":\"policy-allowed\","
        text += "\"ports\":[\(q("\(port)/\(proto.lowercased())"))],"
        text +=
          "\"policies\":[\(decision.allowingPolicies.map { q("\($0.namespace)/\($0.name)") }.joined(separator: ","))],"
        text += "\"egress\":\(q(decision.egress.description)),"
        text += "\"ingress\":\(q(decision.ingress.description))}"
      }
      return text
    }.joined(separator: ",")
    out += "],\"text\":\(q(text))}"
    return out
  }
}
