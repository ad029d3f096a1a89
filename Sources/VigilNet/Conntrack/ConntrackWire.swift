/// The numbers of the netlink and ctnetlink wire format (linux/netlink.h,
/// linux/netfilter/nfnetlink.h, linux/netfilter/nfnetlink_conntrack.h), spelled out so the
/// decoder reads like the kernel headers. A test checks them against the headers CVigilLinux
/// imports.
enum ConntrackWire {
  /// `struct nlmsghdr` size.
  static let headerSize = 16
  /// `struct nfgenmsg` size.
  static let nfgenSize = 4
  /// Netlink messages and attributes are padded to 4 bytes.
  static func align(_ length: Int) -> Int { (length &+ 3) & ~3 }

  // nlmsghdr types and flags
  static let nlmsgNoop: UInt16 = 1
  static let nlmsgError: UInt16 = 2
  static let nlmsgDone: UInt16 = 3
  static let nlmsgOverrun: UInt16 = 4
  static let flagRequest: UInt16 = 0x1
  static let flagMulti: UInt16 = 0x2
  static let flagAck: UInt16 = 0x4
  static let flagDump: UInt16 = 0x300
  static let flagCreate: UInt16 = 0x400
  static let flagExclusive: UInt16 = 0x200

  // nfnetlink
  static let subsystemConntrack: UInt16 = 1
  static let messageNew: UInt16 = 0
  static let messageGet: UInt16 = 1
  static let messageDelete: UInt16 = 2
  static let nfnetlinkVersion: UInt8 = 0

  // attribute header flags
  static let attributeNested: UInt16 = 0x8000
  static let attributeNetByteOrder: UInt16 = 0x4000
  static let attributeTypeMask: UInt16 = 0x3FFF

  // enum ctattr_type
  static let tupleOrig: UInt16 = 1
  static let tupleReply: UInt16 = 2
  static let status: UInt16 = 3
  static let protoinfo: UInt16 = 4
  static let timeout: UInt16 = 7
  static let mark: UInt16 = 8
  static let countersOrig: UInt16 = 9
  static let countersReply: UInt16 = 10
  static let id: UInt16 = 12
  static let zone: UInt16 = 18
  static let timestamp: UInt16 = 20

  // enum ctattr_tuple
  static let tupleIP: UInt16 = 1
  static let tupleProto: UInt16 = 2
  static let tupleZone: UInt16 = 3

  // enum ctattr_ip
  static let ipV4Source: UInt16 = 1
  static let ipV4Destination: UInt16 = 2
  static let ipV6Source: UInt16 = 3
  static let ipV6Destination: UInt16 = 4

  // enum ctattr_l4proto
  static let protoNumber: UInt16 = 1
  static let protoSourcePort: UInt16 = 2
  static let protoDestinationPort: UInt16 = 3
  static let protoICMPID: UInt16 = 4
  static let protoICMPType: UInt16 = 5
  static let protoICMPCode: UInt16 = 6
  static let protoICMPv6ID: UInt16 = 7
  static let protoICMPv6Type: UInt16 = 8
  static let protoICMPv6Code: UInt16 = 9

  // enum ctattr_protoinfo / ctattr_protoinfo_tcp
  static let protoinfoTCP: UInt16 = 1
  static let protoinfoTCPState: UInt16 = 1
  static let protoinfoTCPFlagsOriginal: UInt16 = 4
  static let protoinfoTCPFlagsReply: UInt16 = 5
  /// `IP_CT_TCP_FLAG_CLOSE_INIT`: this side sent a FIN.
  static let tcpFlagCloseInit: UInt8 = 0x04

  // enum ctattr_counters
  static let counterPackets: UInt16 = 1
  static let counterBytes: UInt16 = 2
  static let counter32Packets: UInt16 = 3
  static let counter32Bytes: UInt16 = 4

  // enum ctattr_tstamp
  static let timestampStart: UInt16 = 1
  static let timestampStop: UInt16 = 2

  // address families
  static let familyUnspecified: UInt8 = 0
  static let familyIPv4: UInt8 = 2
  static let familyIPv6: UInt8 = 10

  // netlink multicast groups (enum nfnetlink_groups)
  static let groupConntrackNew: Int32 = 1
  static let groupConntrackUpdate: Int32 = 2
  static let groupConntrackDestroy: Int32 = 3
}
