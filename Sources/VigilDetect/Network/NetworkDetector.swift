import VigilCore
import VigilNet

/// A stateful detector over the flow stream: attributed flows in (both ends named through the
/// inventory), alerts out. Pure: time comes from the flows and from ``advance(to:)``; no I/O.
public protocol NetworkDetector {
  /// Looks at one flow and returns the alerts it raises (often none).
  mutating func observe(_ flow: AttributedFlow) -> [Alert]
  /// Time has reached `now` (windows close, pending aggregates are released).
  mutating func advance(to now: Timestamp) -> [Alert]
  /// Whether DNS lookup records (``FlowRecord/isLookup``: a name looked up, no connection) are
  /// handed to it; only detectors matching names want them.
  var observesLookups: Bool { get }
}

extension NetworkDetector {
  /// Nothing is due by default.
  public mutating func advance(to now: Timestamp) -> [Alert] { [] }
  /// Connections only by default.
  public var observesLookups: Bool { false }
}

/// Builds alerts about flows the same way for every network detector: the source workload as
/// the subject, Falco's `fd.*` field names for the connection (`fd.cip`/`fd.cport` the client,
/// `fd.sip`/`fd.sport` the server), the flow as evidence, and the
/// compliance controls and ATT&CK techniques from `tags`.
public enum FlowAlert {
  /// The rule `source` of network alerts.
  public static let source = "vigil_network"

  /// An alert about `flow` (and `count` like it).
  public static func make(
    rule: String, severity: Severity, flow: AttributedFlow, output: String, tags: [String],
    fields extra: [AlertField] = [], dedupKey: [String], count: Int = 1,
    lastSeen: Timestamp? = nil
  ) -> Alert {
    let record = flow.flow
    // Falco's connection fields: the client (cip, cport) opened it, the server (sip, sport)
    // took it; `fd.sip.name` is the name the client resolved for the server.
    var fields = [
      AlertField(name: "fd.cip", value: record.sourceIP),
      AlertField(name: "fd.cport", value: String(record.sourcePort)),
      AlertField(name: "fd.sip", value: record.destinationIP),
      AlertField(name: "fd.sport", value: String(record.destinationPort)),
      AlertField(name: "fd.l4proto", value: NetworkGraph.protocolName(record.proto)),
      AlertField(name: "fd.source", value: flow.source.label),
      AlertField(name: "fd.destination", value: flow.destination.label),
      AlertField(name: "fd.outcome", value: record.outcome.rawValue),
      AlertField(name: "fd.community_id", value: CommunityID.v1(record)),
    ]
    if let name = record.dnsName { fields.append(AlertField(name: "fd.sip.name", value: name)) }
    fields += extra
    let origin = flow.source
    let subject = AlertSubject(
      sourceIP: record.sourceIP, namespace: origin.namespace.isEmpty ? nil : origin.namespace,
      resource: origin.kind == .workload ? origin.workloadKind.lowercased() : nil,
      name: origin.kind == .workload ? origin.name : nil)
    let evidence = Evidence(
      auditID: nil, stage: nil, time: record.start,
      position: SourcePosition(file: "\(record.source):\(record.node ?? "-")", line: 0))
    return Alert(
      rule: rule, severity: severity, time: record.start, lastSeen: lastSeen ?? record.end,
      output: output, source: Self.source, tags: tags, fields: fields, subject: subject,
      evidence: [evidence], dedupKey: DedupKey.make([rule] + dedupKey), count: count)
  }
}
