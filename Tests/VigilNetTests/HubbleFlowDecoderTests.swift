import Testing
import VigilCore

@testable import VigilNet

/// Lines as `hubble observe -o json` prints them (the wrapped form of Hubble ≥ 0.11, and the bare
/// flow object of older releases).
@Suite struct HubbleFlowDecoderTests {
  static let syn =
    #"{"flow":{"time":"2024-03-15T09:47:12.391427307Z","uuid":"7bb4a4a5-5b1c-4c4b-9b62-2f5d9a2f3c11","verdict":"FORWARDED","ethernet":{"source":"d6:4b:5b:1a:7e:11","destination":"8e:2c:5d:3e:61:90"},"IP":{"source":"10.244.1.23","destination":"10.244.2.17","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":52314,"destination_port":8080,"flags":{"SYN":true}}},"source":{"ID":1234,"identity":45678,"namespace":"default","labels":["k8s:app=frontend"],"pod_name":"frontend-6d9f7b9c8-x2k4p"},"destination":{"ID":567,"identity":23456,"namespace":"default","labels":["k8s:app=backend"],"pod_name":"backend-7c8d9f6b5-abcde"},"Type":"L3_L4","node_name":"kind-worker","event_type":{"type":4,"sub_type":3},"traffic_direction":"EGRESS","trace_observation_point":"TO_STACK","is_reply":false,"Summary":"TCP Flags: SYN"},"node_name":"kind-worker","time":"2024-03-15T09:47:12.391427307Z"}"#
  static let synAck =
    #"{"flow":{"time":"2024-03-15T09:47:12.391702114Z","verdict":"FORWARDED","IP":{"source":"10.244.2.17","destination":"10.244.1.23","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":8080,"destination_port":52314,"flags":{"SYN":true,"ACK":true}}},"source":{"namespace":"default","pod_name":"backend-7c8d9f6b5-abcde"},"destination":{"namespace":"default","pod_name":"frontend-6d9f7b9c8-x2k4p"},"Type":"L3_L4","node_name":"kind-worker2","event_type":{"type":4,"sub_type":3},"traffic_direction":"INGRESS","is_reply":true,"Summary":"TCP Flags: SYN, ACK"},"node_name":"kind-worker2","time":"2024-03-15T09:47:12.391702114Z"}"#
  static let dropped =
    #"{"flow":{"time":"2024-03-15T09:48:01.002311Z","verdict":"DROPPED","drop_reason":133,"IP":{"source":"10.244.1.23","destination":"10.244.3.9","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":40110,"destination_port":5432,"flags":{"SYN":true}}},"source":{"namespace":"default","pod_name":"frontend-6d9f7b9c8-x2k4p"},"destination":{"namespace":"db","pod_name":"postgres-0"},"Type":"L3_L4","node_name":"kind-worker","event_type":{"type":5},"traffic_direction":"EGRESS","drop_reason_desc":"POLICY_DENIED","Summary":"TCP Flags: SYN"},"node_name":"kind-worker","time":"2024-03-15T09:48:01.002311Z"}"#
  static let reset =
    #"{"flow":{"time":"2024-03-15T09:49:30.5Z","verdict":"FORWARDED","IP":{"source":"10.244.2.17","destination":"10.244.1.23","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":8080,"destination_port":52314,"flags":{"RST":true,"ACK":true}}},"Type":"L3_L4","node_name":"kind-worker2","is_reply":true,"Summary":"TCP Flags: ACK, RST"},"node_name":"kind-worker2","time":"2024-03-15T09:49:30.5Z"}"#
  /// Older Hubble: the bare flow object.
  static let bareDNS =
    #"{"time":"2024-03-15T09:50:00.000000001Z","verdict":"FORWARDED","IP":{"source":"10.244.1.23","destination":"10.96.0.10","ipVersion":"IPv4"},"l4":{"UDP":{"source_port":39817,"destination_port":53}},"source":{"namespace":"default","pod_name":"frontend-6d9f7b9c8-x2k4p"},"destination":{"namespace":"kube-system","pod_name":"coredns-5d78c9869d-8kq2x"},"Type":"L3_L4","node_name":"kind-worker","event_type":{"type":4},"traffic_direction":"EGRESS","Summary":"UDP"}"#
  static let ping =
    #"{"flow":{"time":"2024-03-15T09:51:00Z","verdict":"FORWARDED","IP":{"source":"10.244.1.23","destination":"10.244.2.17","ipVersion":"IPv4"},"l4":{"ICMPv4":{"type":8}},"Type":"L3_L4","node_name":"kind-worker","Summary":"ICMPv4 EchoRequest"},"node_name":"kind-worker","time":"2024-03-15T09:51:00Z"}"#
  static let ipv6 =
    #"{"flow":{"time":"2024-03-15T09:52:00Z","verdict":"FORWARDED","IP":{"source":"fd00:10:244:1::17","destination":"fd00:10:244:2::9","ipVersion":"IPv6"},"l4":{"TCP":{"source_port":50000,"destination_port":443,"flags":{"ACK":true,"PSH":true}}},"Type":"L3_L4","node_name":"kind-worker","Summary":"TCP Flags: ACK, PSH"},"node_name":"kind-worker","time":"2024-03-15T09:52:00Z"}"#
  static let nodeStatus =
    #"{"node_status":{"state_change":"NODE_CONNECTED","node_names":["kind-worker"],"message":"Connected"},"node_name":"kind-worker","time":"2024-03-15T09:47:00Z"}"#

  private func record(_ line: String) -> FlowRecord? {
    var decoder = HubbleFlowDecoder()
    if case .record(let record) = decoder.next(line: line) { return record }
    return nil
  }

  @Test func wrappedSyn() throws {
    let flow = try #require(record(Self.syn))
    #expect(flow.start == Timestamp(rfc3339: "2024-03-15T09:47:12.391427307Z"))
    #expect(flow.end == flow.start)
    #expect(flow.proto == 6)
    #expect(flow.sourceIP == "10.244.1.23")
    #expect(flow.sourcePort == 52314)
    #expect(flow.destinationIP == "10.244.2.17")
    #expect(flow.destinationPort == 8080)
    #expect(flow.outcome == .unknown)
    #expect(flow.node == "kind-worker")
    #expect(flow.source == "hubble")
  }

  @Test func outcomes() throws {
    #expect(try #require(record(Self.synAck)).outcome == .established)
    #expect(try #require(record(Self.dropped)).outcome == .refused)
    #expect(try #require(record(Self.reset)).outcome == .reset)
    #expect(try #require(record(Self.ipv6)).outcome == .established)
  }

  @Test func synAndReplyShareCommunityID() throws {
    let request = try #require(record(Self.syn))
    let reply = try #require(record(Self.synAck))
    let id = try #require(CommunityID.v1(request))
    #expect(CommunityID.v1(reply) == id)
    #expect(CommunityID.v1(try #require(record(Self.dropped))) != id)
  }

  @Test func bareUDPAndICMPAndIPv6() throws {
    let dns = try #require(record(Self.bareDNS))
    #expect(dns.proto == 17)
    #expect(dns.destinationPort == 53)
    #expect(dns.node == "kind-worker")
    let ping = try #require(record(Self.ping))
    #expect(ping.proto == 1)
    #expect(ping.sourcePort == 8)
    #expect(ping.destinationPort == 0)
    let v6 = try #require(record(Self.ipv6))
    #expect(v6.sourceIP == "fd00:10:244:1::17")
    #expect(v6.destinationPort == 443)
  }

  @Test func badLinesBecomeDiagnosticsWithLineNumbers() {
    let noTime =
      #"{"flow":{"verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"}}}"#
    let badPort =
      #"{"flow":{"time":"2024-03-15T09:52:00Z","IP":{"source":"10.0.0.1","destination":"10.0.0.2"},"l4":{"UDP":{"source_port":70000,"destination_port":53}}}}"#
    let input =
      [
        Self.nodeStatus, Self.syn, "", "hubble: connecting to localhost:4245…", noTime, Self.synAck,
        badPort, "{\"flow\":", Self.dropped,
      ].joined(separator: "\r\n") + "\r\n"
    let result = HubbleFlowDecoder.decode(input, file: "flows.json")
    #expect(result.records.map(\.outcome) == [.unknown, .established, .refused])
    #expect(result.diagnostics.map(\.position.line) == [4, 5, 7, 8])
    #expect(result.diagnostics.map(\.code) == [.notJSON, .unreadable, .unreadable, .notJSON])
    #expect(result.diagnostics.allSatisfy { $0.position.file == "flows.json" })
    #expect(result.skipped == 2)
  }
}
