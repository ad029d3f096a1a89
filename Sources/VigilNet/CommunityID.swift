/// The Community ID flow hash (version 1, https://github.com/corelight/community-id-spec): the same
/// short string for both directions of a connection, so flows from Vigil, Zeek, Suricata and Hubble
/// can be joined.
public enum CommunityID {
  /// `1:<base64(sha1(seed ‖ ordered addresses ‖ proto ‖ 0 ‖ ordered ports))>`; nil when an
  /// address is not IPv4 or IPv6 text, or the two addresses are of different families.
  ///
  /// For ICMP (1) and ICMPv6 (58) pass the type as `sourcePort` and the code as `destinationPort`;
  /// request/reply types are paired as the spec says, so both directions hash alike. For protocols
  /// other than TCP, UDP, SCTP, ICMP and ICMPv6 the ports are ignored.
  public static func v1(
    sourceIP: String, destinationIP: String, proto: UInt8, sourcePort: UInt16,
    destinationPort: UInt16, seed: UInt16 = 0
  ) -> String? {
    guard let source = addressBytes(sourceIP), let destination = addressBytes(destinationIP),
      source.count == destination.count
    else { return nil }
    var sourcePort = sourcePort
    var destinationPort = destinationPort
    var oneWay = false
    let hasPorts: Bool
    switch proto {
    case 1, 58:
      hasPorts = true
      let type = sourcePort
      if let counterpart = (proto == 1 ? icmpCounterpart : icmp6Counterpart)[type] {
        destinationPort = counterpart
      } else {
        oneWay = true
      }
      sourcePort = type
    case 6, 17, 132:
      hasPorts = true
    default:
      hasPorts = false
      sourcePort = 0
      destinationPort = 0
    }
    let keep =
      oneWay || source.lexicographicallyPrecedes(destination)
      || (source == destination && sourcePort < destinationPort)
    var input: [UInt8] = [UInt8(seed >> 8), UInt8(truncatingIfNeeded: seed)]
    input += keep ? source + destination : destination + source
    input += [proto, 0]
    if hasPorts {
      let (first, second) = keep ? (sourcePort, destinationPort) : (destinationPort, sourcePort)
      input += [
        UInt8(first >> 8), UInt8(truncatingIfNeeded: first), UInt8(second >> 8),
        UInt8(truncatingIfNeeded: second),
      ]
    }
    return "1:" + base64(SHA1.digest(input))
  }

  /// The Community ID of a flow record (its five-tuple; for ICMP the ports hold type and code).
  public static func v1(_ flow: FlowRecord, seed: UInt16 = 0) -> String? {
    v1(
      sourceIP: flow.sourceIP, destinationIP: flow.destinationIP, proto: flow.proto,
      sourcePort: flow.sourcePort, destinationPort: flow.destinationPort, seed: seed)
  }

  /// ICMPv4 request/reply pairs (the spec's reference implementation, after Zeek's ICMP4_counterpart).
  static let icmpCounterpart: [UInt16: UInt16] = [
    8: 0, 0: 8, 13: 14, 14: 13, 15: 16, 16: 15, 10: 9, 17: 18, 18: 17,
  ]

  /// ICMPv6 request/reply pairs.
  static let icmp6Counterpart: [UInt16: UInt16] = [
    128: 129, 129: 128, 133: 134, 134: 133, 135: 136, 136: 135, 130: 131, 131: 130, 139: 140,
    140: 139, 144: 145, 145: 144,
  ]
}
