#if canImport(Glibc)
  import CVigilLinux
  import Glibc
  import Synchronization

  /// An AF_PACKET raw socket that receives the DNS frames (UDP and TCP port 53, IPv4 and IPv6)
  /// of one interface or of all, in the current network namespace or another one.
  ///
  /// The BPF filter is attached before the socket is bound, so no other traffic is ever queued.
  /// `receive()` blocks for at most `Configuration.receiveTimeout`, so a reader thread can check
  /// its stop flag; call it from one thread at a time. The socket is closed when released.
  public final class PacketCaptureSocket: Sendable {
    /// How to open the socket.
    public struct Configuration: Sendable {
      /// The interface to capture on (`br0`, `eth0`), or nil for every interface.
      public var interface: String?
      /// The network namespace file (`/var/run/netns/NAME`, `/proc/PID/ns/net`), or nil for the
      /// caller's own.
      public var namespacePath: String?
      /// Kernel receive buffer (SO_RCVBUFFORCE when permitted, else SO_RCVBUF).
      public var receiveBufferBytes: Int
      /// Longest a `receive()` call blocks.
      public var receiveTimeout: Duration
      /// Puts the interface into promiscuous mode while the socket is open (needed on a bridge
      /// device to see frames bridged between its ports; not needed when capturing on all
      /// interfaces, where the ports show them).
      public var promiscuous: Bool
      /// The filter attached; `PacketCaptureFilter.dns` unless testing.
      public var filter: [BPFInstruction]

      /// Creates a configuration.
      public init(
        interface: String? = nil, namespacePath: String? = nil,
        receiveBufferBytes: Int = 8 << 20, receiveTimeout: Duration = .milliseconds(250),
        promiscuous: Bool = false, filter: [BPFInstruction] = PacketCaptureFilter.dns
      ) {
        self.interface = interface
        self.namespacePath = namespacePath
        self.receiveBufferBytes = receiveBufferBytes
        self.receiveTimeout = receiveTimeout
        self.promiscuous = promiscuous
        self.filter = filter
      }
    }

    /// The largest frame read whole; longer ones are cut (`Frame.isTruncated`).
    public static let bufferSize = 65_536 + 256

    /// The socket's file descriptor.
    public let descriptor: Int32
    /// The configuration it was opened with.
    public let configuration: Configuration
    let buffer: Mutex<[UInt8]>
    let totals = Mutex(Statistics())

    /// Opens, filters and binds the socket.
    public init(_ configuration: Configuration) throws(PacketCaptureError) {
      self.configuration = configuration
      let result: Result<Int32, PacketCaptureError>
      do {
        result = try NetworkNamespaceEntry.withNamespace(configuration.namespacePath) {
          Self.open(configuration)
        }
      } catch {
        throw PacketCaptureError(
          .namespace, systemError: (error as? NetworkNamespaceEntry.Failure)?.code ?? 0,
          detail: configuration.namespacePath ?? "")
      }
      descriptor = try result.get()
      buffer = Mutex([UInt8](repeating: 0, count: Self.bufferSize))
    }

    deinit { Glibc.close(descriptor) }

    /// Waits up to the receive timeout for one frame; nil when none came.
    public func receive() throws(PacketCaptureError) -> Frame? {
      let outcome: Result<Frame?, PacketCaptureError> = buffer.withLock { bytes in
        var address = sockaddr_ll()
        var addressLength = socklen_t(MemoryLayout<sockaddr_ll>.size)
        let count = bytes.withUnsafeMutableBytes { raw in
          withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
              recvfrom(descriptor, raw.baseAddress, raw.count, Int32(MSG_TRUNC), $0, &addressLength)
            }
          }
        }
        if count < 0 {
          let code = errno
          if code == EAGAIN || code == EWOULDBLOCK || code == EINTR { return .success(nil) }
          return .failure(PacketCaptureError(.receive, systemError: code))
        }
        let kept = min(count, bytes.count)
        return .success(
          Frame(
            bytes: Array(bytes[0..<kept]), originalLength: count,
            interfaceIndex: address.sll_ifindex, hardwareType: address.sll_hatype,
            direction: Direction(packetType: address.sll_pkttype),
            etherType: UInt16(bigEndian: address.sll_protocol)))
      }
      return try outcome.get()
    }

    /// Packets received and dropped by the kernel since the socket opened (PACKET_STATISTICS,
    /// whose kernel counters reset on each read, accumulated here).
    public func statistics() throws(PacketCaptureError) -> Statistics {
      var stats = tpacket_stats()
      var length = socklen_t(MemoryLayout<tpacket_stats>.size)
      guard getsockopt(descriptor, SOL_PACKET, PACKET_STATISTICS, &stats, &length) == 0 else {
        throw PacketCaptureError(.statistics, systemError: errno)
      }
      return totals.withLock { totals in
        // tp_packets counts every packet queued, dropped ones included.
        totals.received += UInt64(stats.tp_packets)
        totals.dropped += UInt64(stats.tp_drops)
        return totals
      }
    }
  }
#endif
