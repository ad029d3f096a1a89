import VigilCore
import VigilJSON

extension FlowRecord {
  /// The record as one line of Vigil's flow JSON (no newline): the format the node agent ships
  /// to `POST /v1/ingest/flows`, `vigil graph` reads and the server stores. Absent values are
  /// left out; `communityID` is the Community ID v1 hash (seed 0) of the five-tuple.
  ///
  /// `{"start":"…","end":"…","proto":6,"src":"10.244.1.10","sport":41234,"dst":"93.184.216.34",
  /// "dport":80,"outcome":"established","bytesOut":1281,"bytesIn":416370,"packetsOut":23,
  /// "packetsIn":22,"dns":"example.com","node":"node-1","source":"conntrack","communityID":"1:…"}`
  public var jsonLine: String { jsonLine(communityID: true) }

  /// The JSON line, with or without the Community ID (the node agent leaves it to the server,
  /// which computes it from the same five-tuple when it stores the record).
  public func jsonLine(communityID withCommunityID: Bool) -> String {
    var out = "{\"start\":\(JSONText.quoted(start.description))"
    out += ",\"end\":\(JSONText.quoted(end.description))"
    out += ",\"proto\":\(proto),\"src\":\(JSONText.quoted(sourceIP)),\"sport\":\(sourcePort)"
    out += ",\"dst\":\(JSONText.quoted(destinationIP)),\"dport\":\(destinationPort)"
    out += ",\"outcome\":\(JSONText.quoted(outcome.rawValue))"
    for (key, value) in [
      ("bytesOut", bytesOut), ("bytesIn", bytesIn), ("packetsOut", packetsOut),
      ("packetsIn", packetsIn),
    ] {
      if let value { out += ",\"\(key)\":\(value)" }
    }
    if let dnsName { out += ",\"dns\":\(JSONText.quoted(dnsName))" }
    if let node { out += ",\"node\":\(JSONText.quoted(node))" }
    out += ",\"source\":\(JSONText.quoted(source))"
    if withCommunityID, let id = CommunityID.v1(self) {
      out += ",\"communityID\":\(JSONText.quoted(id))"
    }
    out += "}"
    return out
  }
}
