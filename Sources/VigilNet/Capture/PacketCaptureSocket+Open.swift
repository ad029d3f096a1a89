#if canImport(Glibc)
  import CVigilLinux
  import Glibc

  extension PacketCaptureSocket {
    /// Creates the socket in the current namespace: protocol 0 first (nothing is queued), then
    /// the filter and options, then `bind` with ETH_P_ALL starts the capture.
    static func open(_ configuration: Configuration) -> Result<Int32, PacketCaptureError> {
      var interfaceIndex: Int32 = 0
      if let name = configuration.interface {
        interfaceIndex = Int32(bitPattern: if_nametoindex(name))
        guard interfaceIndex != 0 else {
          return .failure(PacketCaptureError(.interfaceNotFound, systemError: errno, detail: name))
        }
      }
      let fd = socket(AF_PACKET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
      guard fd >= 0 else { return .failure(PacketCaptureError(.socket, systemError: errno)) }
      if let failure = configure(fd, configuration, interfaceIndex: interfaceIndex) {
        close(fd)
        return .failure(failure)
      }
      return .success(fd)
    }

    static func configure(
      _ fd: Int32, _ configuration: Configuration, interfaceIndex: Int32
    ) -> PacketCaptureError? {
      let program = configuration.filter.map {
        sock_filter(code: $0.code, jt: $0.jumpTrue, jf: $0.jumpFalse, k: $0.k)
      }
      guard !program.isEmpty, program.count <= Int(UInt16.max) else {
        return PacketCaptureError(.attachFilter, detail: "empty program")
      }
      let attached = program.withUnsafeBufferPointer {
        vigil_attach_filter(fd, $0.baseAddress, UInt16(program.count))
      }
      guard attached == 0 else { return PacketCaptureError(.attachFilter, systemError: errno) }

      var size = Int32(clamping: configuration.receiveBufferBytes)
      let length = socklen_t(MemoryLayout<Int32>.size)
      if setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, length) != 0,
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, length) != 0
      {
        return PacketCaptureError(.socketOption, systemError: errno, detail: "SO_RCVBUF")
      }
      let (seconds, attoseconds) = configuration.receiveTimeout.components
      var timeout = timeval(
        tv_sec: Int(max(0, seconds)), tv_usec: Int(max(0, attoseconds) / 1_000_000_000_000))
      if timeout.tv_sec == 0 && timeout.tv_usec == 0 { timeout.tv_usec = 1 }  // 0 would block
      guard
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
          == 0
      else {
        return PacketCaptureError(.socketOption, systemError: errno, detail: "SO_RCVTIMEO")
      }
      if configuration.promiscuous && interfaceIndex != 0 {
        var request = packet_mreq()
        request.mr_ifindex = interfaceIndex
        request.mr_type = UInt16(PACKET_MR_PROMISC)
        guard
          setsockopt(
            fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &request,
            socklen_t(MemoryLayout<packet_mreq>.size)) == 0
        else {
          return PacketCaptureError(.socketOption, systemError: errno, detail: "PACKET_MR_PROMISC")
        }
      }
      var address = sockaddr_ll()
      address.sll_family = UInt16(AF_PACKET)
      address.sll_protocol = UInt16(ETH_P_ALL).bigEndian
      address.sll_ifindex = interfaceIndex
      let bound = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(fd, $0, socklen_t(MemoryLayout<sockaddr_ll>.size))
        }
      }
      guard bound == 0 else {
        return PacketCaptureError(
          .bind, systemError: errno, detail: configuration.interface ?? "all interfaces")
      }
      return nil
    }
  }
#endif
