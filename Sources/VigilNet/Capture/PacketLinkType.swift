/// How a captured frame starts: with an Ethernet header, or directly with the IP header
/// (tun-style interfaces), chosen from the interface's ARPHRD type (`sockaddr_ll.sll_hatype`).
public enum PacketLinkType: Sendable, Hashable {
  /// An Ethernet II header, possibly followed by 802.1Q / 802.1ad tags (ethernet, veth, bridge,
  /// loopback).
  case ethernet
  /// No link header: the frame is an IPv4 or IPv6 packet (tun, WireGuard, ipip, sit, raw IP).
  case rawIP

  /// The link type of an interface with ARPHRD type `hardwareType`, or nil for one that is not
  /// decoded (InfiniBand, 802.11 radiotap, …).
  public init?(hardwareType: UInt16) {
    switch hardwareType {
    case 1, 772:  // ARPHRD_ETHER, ARPHRD_LOOPBACK (a zeroed Ethernet header)
      self = .ethernet
    case 0xFFFE, 519, 512, 768, 769, 776:  // NONE (tun, wireguard), RAWIP, PPP, IPIP, TUNNEL6, SIT
      self = .rawIP
    default:
      return nil
    }
  }
}
