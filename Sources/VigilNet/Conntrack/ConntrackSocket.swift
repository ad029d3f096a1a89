#if canImport(Glibc)
  import CVigilLinux
  import Glibc
  import Synchronization

  /// A `NETLINK_NETFILTER` socket for conntrack: subscribed to the NEW, UPDATE and DESTROY
  /// event groups (or not, for a request-only socket), optionally created inside another
  /// network namespace. Replies to the dump and get requests it sends arrive on it too, mixed
  /// into the event stream in order, so one reader thread decodes everything.
  ///
  /// Receives block with a timeout so a reader thread can check whether to stop. ENOBUFS (the
  /// kernel dropped events because the receive buffer was full) is counted and the stream goes
  /// on. Use it from one reader thread; `send` may be called from any thread.
  public final class ConntrackSocket: Sendable {
    /// How to open the socket.
    public struct Configuration: Sendable, Hashable {
      /// A network namespace file (`/var/run/netns/NAME`, `/proc/PID/ns/net`); nil: the
      /// current one.
      public var namespacePath: String?
      /// Which event groups to join (none for a request-only socket).
      public var events: Set<ConntrackEvent.Kind>
      /// Receive buffer size asked for (SO_RCVBUFFORCE as root, else capped by rmem_max).
      public var receiveBufferBytes: Int
      /// Attach `ConntrackEventFilter.updates` when subscribed to UPDATE events, so the kernel
      /// drops the updates the tracker does not need.
      public var filterUpdates: Bool

      /// Creates a configuration (defaults: current namespace, new/update/destroy, 16 MiB,
      /// updates filtered).
      public init(
        namespacePath: String? = nil, events: Set<ConntrackEvent.Kind> = [.new, .update, .destroy],
        receiveBufferBytes: Int = 16 << 20, filterUpdates: Bool = true
      ) {
        self.namespacePath = namespacePath
        self.events = events
        self.receiveBufferBytes = receiveBufferBytes
        self.filterUpdates = filterUpdates
      }
    }

    /// What one `receive` call got.
    public struct Batch: Sendable, Hashable {
      /// Bytes written to the buffer (whole netlink datagrams, back to back).
      public var byteCount: Int
      /// ENOBUFS reports during this call (the kernel dropped events before them).
      public var overruns: Int
      /// Datagrams larger than the space left, dropped (not expected with a 64 KiB buffer).
      public var truncated: Int

      /// True when nothing arrived before the timeout.
      public var isEmpty: Bool { byteCount == 0 && overruns == 0 && truncated == 0 }
    }

    /// The file descriptor.
    public let descriptor: Int32
    /// The receive buffer size the kernel granted (bytes, as `getsockopt` reports it).
    public let receiveBufferBytes: Int
    /// Why the update filter is not attached: 0 when it is (or was not asked for), else the
    /// `errno` of SO_ATTACH_FILTER. The socket works either way, unfiltered.
    public let filterError: Int32
    /// True when `ConntrackEventFilter.updates` is attached.
    public let isFiltered: Bool
    let overrunCount = Atomic<Int>(0)
    private let sequenceNumber = Atomic<UInt32>(0)

    /// Opens the socket (in `configuration.namespacePath` when given) and joins the groups.
    public init(configuration: Configuration = Configuration()) throws(ConntrackSocketError) {
      let result: Result<Int32, ConntrackSocketError>
      do {
        result = try NetworkNamespaceEntry.withNamespace(configuration.namespacePath) {
          Self.open(configuration)
        }
      } catch let failure as NetworkNamespaceEntry.Failure {
        throw ConntrackSocketError(.namespace, errno: failure.code, detail: failure.path)
      } catch {
        throw ConntrackSocketError(.namespace, errno: 0, detail: "\(error)")
      }
      let fd = try result.get()
      descriptor = fd
      var granted: Int32 = 0
      var size = socklen_t(MemoryLayout<Int32>.size)
      _ = getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &granted, &size)
      receiveBufferBytes = Int(granted)
      let filtering = configuration.filterUpdates && configuration.events.contains(.update)
      filterError =
        filtering ? ConntrackEventFilter.attach(ConntrackEventFilter.updates, to: fd) : 0
      isFiltered = filtering && filterError == 0
    }

    deinit { close(descriptor) }

    /// ENOBUFS reports so far: each means the kernel dropped one or more events.
    public var kernelDrops: Int { overrunCount.load(ordering: .relaxed) }

    /// A fresh non-zero sequence number for a request.
    public func nextSequence() -> UInt32 {
      let value = sequenceNumber.wrappingAdd(1, ordering: .relaxed).newValue
      return value == 0 ? sequenceNumber.wrappingAdd(1, ordering: .relaxed).newValue : value
    }

    /// Sends an encoded request (`ConntrackRequest.dump`, `.get`) to the kernel.
    public func send(_ request: [UInt8]) throws(ConntrackSocketError) {
      var kernel = sockaddr_nl()
      kernel.nl_family = sa_family_t(AF_NETLINK)
      let sent = request.withUnsafeBytes { bytes in
        withUnsafePointer(to: &kernel) { address in
          address.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            sendto(
              descriptor, bytes.baseAddress, bytes.count, 0, $0,
              socklen_t(MemoryLayout<sockaddr_nl>.size))
          }
        }
      }
      guard sent == request.count else { throw ConntrackSocketError(.send, errno: errno) }
    }

    /// Asks for every entry (`ConntrackRequest.dump`); returns the sequence number used.
    @discardableResult
    public func requestDump(family: ConntrackRequest.Family = .all) throws(ConntrackSocketError)
      -> UInt32
    {
      let sequence = nextSequence()
      try send(ConntrackRequest.dump(family: family, sequence: sequence))
      return sequence
    }

    /// Asks for the counters of several entries in one `sendto` (ctnetlink answers each GET
    /// of the datagram in turn); an empty list sends nothing.
    public func requestCounters(_ fetches: [ConntrackFlowTracker.CounterFetch])
      throws(ConntrackSocketError)
    {
      guard !fetches.isEmpty else { return }
      var datagram: [UInt8] = []
      datagram.reserveCapacity(fetches.count * 96)
      for fetch in fetches {
        datagram += ConntrackRequest.get(fetch.tuple, zone: fetch.zone, sequence: nextSequence())
        // Netlink messages start on 4-byte boundaries.
        while datagram.count % 4 != 0 { datagram.append(0) }
      }
      try send(datagram)
    }

    /// Asks for one entry's counters (what `ConntrackFlowTracker` returns in `Step.fetch`).
    @discardableResult
    public func requestCounters(_ fetch: ConntrackFlowTracker.CounterFetch)
      throws(ConntrackSocketError) -> UInt32
    {
      let sequence = nextSequence()
      try send(ConntrackRequest.get(fetch.tuple, zone: fetch.zone, sequence: sequence))
      return sequence
    }
  }
#endif
