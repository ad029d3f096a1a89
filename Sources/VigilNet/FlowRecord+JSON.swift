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
    var out: [UInt8] = []
    out.reserveCapacity(256)
    appendJSONLine(to: &out, communityID: withCommunityID)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends ``jsonLine(communityID:)`` to `out` as UTF-8 (no newline), writing bytes directly:
  /// the node agent encodes every record it ships this way.
  public func appendJSONLine(to out: inout [UInt8], communityID withCommunityID: Bool) {
    @inline(__always) func key(_ text: StaticString) {
      text.withUTF8Buffer { out.append(contentsOf: $0) }
    }
    @inline(__always) func number<N: UnsignedInteger>(_ value: N) {
      var rest = UInt64(truncatingIfNeeded: value)
      let first = out.count
      repeat {
        out.append(0x30 &+ UInt8(truncatingIfNeeded: rest % 10))
        rest /= 10
      } while rest > 0
      out[first..<out.count].reverse()
    }
    key("{\"start\":\"")
    start.appendRFC3339(to: &out)
    key("\",\"end\":\"")
    end.appendRFC3339(to: &out)
    key("\",\"proto\":")
    number(proto)
    key(",\"src\":")
    JSONText.appendQuoted(sourceIP, to: &out)
    key(",\"sport\":")
    number(sourcePort)
    key(",\"dst\":")
    JSONText.appendQuoted(destinationIP, to: &out)
    key(",\"dport\":")
    number(destinationPort)
    key(",\"outcome\":")
    JSONText.appendQuoted(outcome.rawValue, to: &out)
    if let bytesOut {
      key(",\"bytesOut\":")
      number(bytesOut)
    }
    if let bytesIn {
      key(",\"bytesIn\":")
      number(bytesIn)
    }
    if let packetsOut {
      key(",\"packetsOut\":")
      number(packetsOut)
    }
    if let packetsIn {
      key(",\"packetsIn\":")
      number(packetsIn)
    }
    if let dnsName {
      key(",\"dns\":")
      JSONText.appendQuoted(dnsName, to: &out)
    }
    if let node {
      key(",\"node\":")
      JSONText.appendQuoted(node, to: &out)
    }
    key(",\"source\":")
    JSONText.appendQuoted(source, to: &out)
    if withCommunityID, let id = CommunityID.v1(self) {
      key(",\"communityID\":")
      JSONText.appendQuoted(id, to: &out)
    }
    out.append(0x7D)
  }
}
