#if canImport(Glibc)
  import CVigilLinux
  import Glibc

  extension ConntrackSocket {
    /// The space each datagram gets in one `recvmmsg` call. The kernel sizes dump parts by the
    /// largest receive buffer it has seen on the socket (so at most this), and events and get
    /// replies are well under 1 KiB.
    static let datagramSlot = 8 << 10

    /// Waits up to `timeout` for data, then reads the queued datagrams back to back into
    /// `buffer` (many per `recvmmsg` call) while more are queued and room for one is left. An
    /// empty batch means the timeout passed (or `buffer` is smaller than one `datagramSlot`,
    /// 8 KiB, and can take nothing).
    public func receive(into buffer: UnsafeMutableRawBufferPointer, timeout: Duration)
      throws(ConntrackSocketError) -> Batch
    {
      var batch = Batch(byteCount: 0, overruns: 0, truncated: 0)
      guard let base = buffer.baseAddress, buffer.count >= Self.datagramSlot else { return batch }
      var waiter = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let (seconds, attoseconds) = timeout.components
      let milliseconds = Int32(
        clamping: max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
      while true {
        let ready = poll(&waiter, 1, milliseconds)
        if ready < 0 {
          if errno == EINTR { continue }
          throw ConntrackSocketError(.receive, errno: errno, detail: "poll")
        }
        if ready == 0 { return batch }
        break
      }
      while true {
        let slots = min(
          (buffer.count - batch.byteCount) / Self.datagramSlot, Int(VIGIL_RECEIVE_DATAGRAMS_MAX))
        guard slots > 0 else { return batch }
        var bytes = 0
        var truncated: UInt32 = 0
        let got = vigil_receive_datagrams(
          descriptor, base + batch.byteCount, Self.datagramSlot, UInt32(slots), &bytes,
          &truncated)
        if got < 0 {
          switch errno {
          case EINTR: continue
          case EAGAIN, EWOULDBLOCK: return batch
          case ENOBUFS:
            batch.overruns += 1
            overrunCount.add(1, ordering: .relaxed)
            continue
          default:
            if batch.byteCount > 0 { return batch }
            throw ConntrackSocketError(.receive, errno: errno, detail: "recvmmsg")
          }
        }
        batch.byteCount += bytes
        batch.truncated += Int(truncated)
        // Fewer than asked for: the queue is empty.
        if Int(got) < slots { return batch }
      }
    }

    /// `receive(into:timeout:)` into an array (grown to 256 KiB if smaller).
    public func receive(into buffer: inout [UInt8], timeout: Duration)
      throws(ConntrackSocketError) -> Batch
    {
      if buffer.count < 256 << 10 { buffer = [UInt8](repeating: 0, count: 256 << 10) }
      let result = buffer.withUnsafeMutableBytes { raw in
        Result { () throws(ConntrackSocketError) in try receive(into: raw, timeout: timeout) }
      }
      return try result.get()
    }

    /// Creates, sizes, binds and subscribes the socket in the calling thread's namespace.
    static func open(_ configuration: Configuration) -> Result<Int32, ConntrackSocketError> {
      let fd = socket(
        AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), NETLINK_NETFILTER)
      guard fd >= 0 else { return .failure(ConntrackSocketError(.open, errno: errno)) }
      func fail(_ code: ConntrackSocketError.Code) -> Result<Int32, ConntrackSocketError> {
        let saved = errno
        close(fd)
        return .failure(ConntrackSocketError(code, errno: saved))
      }
      var size = Int32(clamping: configuration.receiveBufferBytes)
      let length = socklen_t(MemoryLayout<Int32>.size)
      // SO_RCVBUFFORCE (33) passes rmem_max with CAP_NET_ADMIN; fall back to SO_RCVBUF.
      if setsockopt(fd, SOL_SOCKET, 33, &size, length) != 0,
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, length) != 0
      {
        return fail(.receiveBuffer)
      }
      var local = sockaddr_nl()
      local.nl_family = sa_family_t(AF_NETLINK)
      let bound = withUnsafePointer(to: &local) { address in
        address.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(fd, $0, socklen_t(MemoryLayout<sockaddr_nl>.size))
        }
      }
      guard bound == 0 else { return fail(.bind) }
      let groups: [(ConntrackEvent.Kind, Int32)] = [
        (.new, ConntrackWire.groupConntrackNew), (.update, ConntrackWire.groupConntrackUpdate),
        (.destroy, ConntrackWire.groupConntrackDestroy),
      ]
      for (kind, group) in groups where configuration.events.contains(kind) {
        var number = group
        // SOL_NETLINK (270), NETLINK_ADD_MEMBERSHIP (1).
        guard setsockopt(fd, 270, 1, &number, length) == 0 else { return fail(.subscribe) }
      }
      return .success(fd)
    }
  }
#endif
