#if canImport(Glibc)
  extension PacketCaptureSocket {
    /// Which way a frame went, as the kernel classified it (`sll_pkttype`).
    public enum Direction: Sendable, Hashable {
      /// Addressed to this host.
      case host
      /// Link-layer broadcast.
      case broadcast
      /// Link-layer multicast.
      case multicast
      /// Addressed to another host (bridged or promiscuous).
      case otherHost
      /// Sent by this host (or forwarded out of this interface).
      case outgoing
      /// Another kernel value.
      case other(UInt8)

      /// The direction of `sll_pkttype` value `packetType`.
      public init(packetType: UInt8) {
        switch packetType {
        case 0: self = .host
        case 1: self = .broadcast
        case 2: self = .multicast
        case 3: self = .otherHost
        case 4: self = .outgoing
        default: self = .other(packetType)
        }
      }
    }

    /// One captured frame with what the kernel said about it.
    public struct Frame: Sendable, Hashable {
      /// The frame's bytes from the link header (or the IP header on raw-IP interfaces).
      public var bytes: [UInt8]
      /// Its length on the wire; more than `bytes.count` when it was cut.
      public var originalLength: Int
      /// The interface it was seen on (`if_indextoname` inside the socket's namespace).
      public var interfaceIndex: Int32
      /// The interface's ARPHRD type.
      public var hardwareType: UInt16
      /// Which way it went.
      public var direction: Direction
      /// The link-layer protocol (`sll_protocol`, host order: 0x0800, 0x86DD, …).
      public var etherType: UInt16

      /// Creates a frame.
      public init(
        bytes: [UInt8], originalLength: Int, interfaceIndex: Int32, hardwareType: UInt16,
        direction: Direction, etherType: UInt16
      ) {
        self.bytes = bytes
        self.originalLength = originalLength
        self.interfaceIndex = interfaceIndex
        self.hardwareType = hardwareType
        self.direction = direction
        self.etherType = etherType
      }

      /// How to decode it, or nil for a link type the decoder does not read.
      public var link: PacketLinkType? { PacketLinkType(hardwareType: hardwareType) }

      /// True when the frame was longer than the receive buffer.
      public var isTruncated: Bool { originalLength > bytes.count }
    }

    /// Kernel counters for the socket since it opened.
    public struct Statistics: Sendable, Hashable {
      /// Packets that passed the filter (PACKET_STATISTICS `tp_packets`, drops included).
      public var received: UInt64 = 0
      /// Packets dropped because the receive buffer was full (`tp_drops`).
      public var dropped: UInt64 = 0

      /// Creates zeroed statistics.
      public init() {}
    }
  }
#endif
