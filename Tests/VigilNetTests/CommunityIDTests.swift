import Testing

@testable import VigilNet

/// Vectors from the spec's baseline (corelight/community-id-spec, baseline/baseline_deflt.json and
/// baseline_seed1.json). For ICMP the "ports" are type and code.
@Suite struct CommunityIDTests {
  struct Vector: Sendable, CustomStringConvertible {
    let proto: UInt8
    let source: String
    let destination: String
    let sourcePort: UInt16
    let destinationPort: UInt16
    let seed: UInt16
    let expected: String
    var description: String {
      "\(proto) \(source):\(sourcePort) → \(destination):\(destinationPort)"
    }
  }

  static let vectors: [Vector] = [
    // TCP, the spec's first example, both directions.
    .init(
      proto: 6, source: "128.232.110.120", destination: "66.35.250.204", sourcePort: 34855,
      destinationPort: 80, seed: 0, expected: "1:LQU9qZlK+B5F3KDmev6m5PMibrg="),
    .init(
      proto: 6, source: "66.35.250.204", destination: "128.232.110.120", sourcePort: 80,
      destinationPort: 34855, seed: 0, expected: "1:LQU9qZlK+B5F3KDmev6m5PMibrg="),
    .init(
      proto: 6, source: "128.232.110.120", destination: "66.35.250.204", sourcePort: 34855,
      destinationPort: 80, seed: 1, expected: "1:3V71V58M3Ksw/yuFALMcW0LAHvc="),
    // UDP (DNS).
    .init(
      proto: 17, source: "192.168.1.52", destination: "8.8.8.8", sourcePort: 54585,
      destinationPort: 53, seed: 0, expected: "1:d/FP5EW3wiY1vCndhwleRRKHowQ="),
    .init(
      proto: 17, source: "8.8.8.8", destination: "192.168.1.52", sourcePort: 53,
      destinationPort: 54585, seed: 0, expected: "1:d/FP5EW3wiY1vCndhwleRRKHowQ="),
    .init(
      proto: 17, source: "192.168.1.52", destination: "8.8.8.8", sourcePort: 54585,
      destinationPort: 53, seed: 1, expected: "1:Q9We8WO3piVF8yEQBNJF4uiSVrI="),
    // SCTP.
    .init(
      proto: 132, source: "192.168.170.8", destination: "192.168.170.56", sourcePort: 7,
      destinationPort: 7, seed: 0, expected: "1:MP2EtRCAUIZvTw6MxJHLV7N7JDs="),
    // TCP over IPv6.
    .init(
      proto: 6, source: "2001:470:e5bf:dead:4957:2174:e82c:4887",
      destination: "2607:f8b0:400c:c03::1a", sourcePort: 63943, destinationPort: 25, seed: 0,
      expected: "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4="),
    .init(
      proto: 6, source: "2607:f8b0:400c:c03::1a",
      destination: "2001:470:e5bf:dead:4957:2174:e82c:4887", sourcePort: 25, destinationPort: 63943,
      seed: 0, expected: "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4="),
    // ICMP echo request and its reply (type 8 / type 0, code 0) hash alike.
    .init(
      proto: 1, source: "192.168.0.89", destination: "192.168.0.1", sourcePort: 8,
      destinationPort: 0, seed: 0, expected: "1:X0snYXpgwiv9TZtqg64sgzUn6Dk="),
    .init(
      proto: 1, source: "192.168.0.1", destination: "192.168.0.89", sourcePort: 0,
      destinationPort: 0, seed: 0, expected: "1:X0snYXpgwiv9TZtqg64sgzUn6Dk="),
    // ICMP time exceeded (one-way: not reordered).
    .init(
      proto: 1, source: "10.0.0.1", destination: "10.0.0.2", sourcePort: 11,
      destinationPort: 0, seed: 0, expected: "1:YHxtAirCG//0OzkcVAukqKQN9xM="),
    // ICMPv6 neighbour solicitation / advertisement.
    .init(
      proto: 58, source: "fe80::200:86ff:fe05:80da", destination: "fe80::260:97ff:fe07:69ea",
      sourcePort: 135, destinationPort: 0, seed: 0, expected: "1:dGHyGvjMfljg6Bppwm3bg0LO8TY="),
    .init(
      proto: 58, source: "fe80::260:97ff:fe07:69ea", destination: "fe80::200:86ff:fe05:80da",
      sourcePort: 136, destinationPort: 0, seed: 0, expected: "1:dGHyGvjMfljg6Bppwm3bg0LO8TY="),
    // ICMPv6 echo request / reply.
    .init(
      proto: 58, source: "3ffe:507:0:1:200:86ff:fe05:80da", destination: "3ffe:501:0:1001::2",
      sourcePort: 128, destinationPort: 0, seed: 0, expected: "1:+TW+HtLHvV1xnGhV1lv7XoJrqQg="),
    .init(
      proto: 58, source: "3ffe:501:0:1001::2", destination: "3ffe:507:0:1:200:86ff:fe05:80da",
      sourcePort: 129, destinationPort: 0, seed: 0, expected: "1:+TW+HtLHvV1xnGhV1lv7XoJrqQg="),
    // ICMPv6 destination unreachable and packet too big... (one-way, type/code kept).
    .init(
      proto: 58, source: "3ffe:501:1800:2345::2", destination: "3ffe:507:0:1:200:86ff:fe05:80da",
      sourcePort: 3, destinationPort: 0, seed: 0, expected: "1:2ObVBgIn28oZvibYZhZMBgh7WdQ="),
    .init(
      proto: 58, source: "3ffe:501:410:0:2c0:dfff:fe47:33e",
      destination: "3ffe:507:0:1:200:86ff:fe05:80da", sourcePort: 1, destinationPort: 4, seed: 0,
      expected: "1:hLZd0XGWojozrvxqE0dWB1iM6R0="),
    // RSVP (no ports hashed), both directions.
    .init(
      proto: 46, source: "10.1.12.1", destination: "10.1.12.2", sourcePort: 0,
      destinationPort: 0, seed: 0, expected: "1:KHlLkgoJW7ifUTyTSgyVfkFHzKw="),
    .init(
      proto: 46, source: "10.1.12.2", destination: "10.1.12.1", sourcePort: 9,
      destinationPort: 9, seed: 1, expected: "1:rYir8gphR31noO9iDRQmF/BteEI="),
  ]

  @Test(arguments: vectors) func baseline(_ vector: Vector) {
    let id = CommunityID.v1(
      sourceIP: vector.source, destinationIP: vector.destination, proto: vector.proto,
      sourcePort: vector.sourcePort, destinationPort: vector.destinationPort, seed: vector.seed)
    #expect(id == vector.expected)
  }

  @Test func flowRecordOverload() {
    let flow = FlowRecord(
      start: .init(nanoseconds: 0), proto: 6, sourceIP: "66.35.250.204", sourcePort: 80,
      destinationIP: "128.232.110.120", destinationPort: 34855, source: "test")
    #expect(CommunityID.v1(flow) == "1:LQU9qZlK+B5F3KDmev6m5PMibrg=")
  }

  @Test func rejectsBadAddresses() {
    for (a, b) in [
      ("10.0.0.256", "10.0.0.1"), ("10.0.0", "10.0.0.1"), ("10.0.0.1", "::1"), ("1::2::3", "::1"),
      ("fe80::1%eth0", "::1"), ("1:2:3:4:5:6:7:8:9", "::1"), ("", "10.0.0.1"), ("g::1", "::1"),
    ] {
      #expect(
        CommunityID.v1(sourceIP: a, destinationIP: b, proto: 6, sourcePort: 1, destinationPort: 2)
          == nil, "\(a) \(b)")
    }
  }

  @Test func ipv6TextForms() {
    #expect(CommunityID.addressBytes("::") == [UInt8](repeating: 0, count: 16))
    #expect(CommunityID.addressBytes("::1") == [UInt8](repeating: 0, count: 15) + [1])
    #expect(
      CommunityID.addressBytes("::ffff:10.1.2.3")
        == [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF, 10, 1, 2, 3])
    #expect(
      CommunityID.addressBytes("2607:F8B0:400C:C03:0:0:0:1A")
        == CommunityID.addressBytes("2607:f8b0:400c:c03::1a"))
  }
}
