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
      /// With `filterUpdates`, attach `ConntrackEventFilter.updatesAndEmittedDestroys` instead,
      /// so the kernel also drops the DESTROY of a TCP connection that closed through TIME_WAIT
      /// (the tracker emitted it at the TIME_WAIT update). Falls back to
      /// `ConntrackEventFilter.updates` if the kernel refuses it.
      public var dropEmittedDestroys: Bool

      /// Creates a configuration (defaults: current namespace, new/update/destroy, 16 MiB,
      /// updates filtered, every DESTROY read).
      public init(
        namespacePath: String? = nil, events: Set<ConntrackEvent.Kind> = [.new, .update, .destroy],
        receiveBufferBytes: Int = 16 << 20, filterUpdates: Bool = true,
        dropEmittedDestroys: Bool = false
      ) {
        self.namespacePath = namespacePath
        self.events = events
        self.receiveBufferBytes = receiveBufferBytes
        self.filterUpdates = filterUpdates
        self.dropEmittedDestroys = dropEmittedDestroys
      }
    }

    /// What one `receive` call got.
    public struct Batch: Sendable, Hashable {
      /// Bytes written to the buffer (whole netlink datagrams, back to back).
      public var byteCount: Int
      /// ENOBUFS reports during this call (the kernel dropped events before them).
      public var overruns: Int
      /// Datagrams larger than `ConntrackSocket.datagramSlot`, dropped (not expected: the
      /// kernel sizes dump parts by the receive space offered, and events are far smaller).
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
    /// True when `ConntrackEventFilter.updates` (or `.updatesAndEmittedDestroys`) is attached.
    public let isFiltered: Bool
    /// Why `ConntrackEventFilter.updatesAndEmittedDestroys` is not attached although asked for:
    /// 0 when it is (or was not asked for), else the `errno` of SO_ATTACH_FILTER (the socket
    /// then reads every DESTROY).
    public let destroyFilterError: Int32
    /// True when asked for and the kernel accepted `.updatesAndEmittedDestroys`: TIME_WAIT
    /// DESTROYs can be dropped (see ``dropsEmittedDestroys`` for whether they are now).
    public let canDropEmittedDestroys: Bool
    let droppingDestroys = Atomic<Bool>(false)
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
      let destroys = filtering && configuration.dropEmittedDestroys
      destroyFilterError =
        destroys
        ? ConntrackEventFilter.attach(ConntrackEventFilter.updatesAndEmittedDestroys, to: fd) : 0
      canDropEmittedDestroys = destroys && destroyFilterError == 0
      filterError =
        filtering && !canDropEmittedDestroys
        ? ConntrackEventFilter.attach(ConntrackEventFilter.updates, to: fd) : 0
      isFiltered = filtering && filterError == 0
      droppingDestroys.store(canDropEmittedDestroys, ordering: .relaxed)
    }

    /// True while the kernel drops the DESTROYs of TCP connections closed through TIME_WAIT.
    public var dropsEmittedDestroys: Bool { droppingDestroys.load(ordering: .relaxed) }

    /// Switches between `ConntrackEventFilter.updatesAndEmittedDestroys` (`drop` true) and
    /// `ConntrackEventFilter.updates` (every DESTROY read); the reader reads every DESTROY for a
    /// while after the kernel dropped events (ENOBUFS), so connections whose TIME_WAIT update was
    /// lost are still reported. Does nothing unless ``canDropEmittedDestroys``; returns 0 or the
    /// `errno` of SO_ATTACH_FILTER (the previous filter then stays).
    @discardableResult
    public func dropEmittedDestroys(_ drop: Bool) -> Int32 {
      guard canDropEmittedDestroys, drop != dropsEmittedDestroys else { return 0 }
      let program =
        drop ? ConntrackEventFilter.updatesAndEmittedDestroys : ConntrackEventFilter.updates
      let error = ConntrackEventFilter.attach(program, to: descriptor)
      if error == 0 { droppingDestroys.store(drop, ordering: .relaxed) }
      return error
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
      // Each message ends padded to 4 bytes, so the next starts aligned.
      var writer = NetlinkWriter(capacity: fetches.count * 96)
      for fetch in fetches {
        ConntrackRequest.get(
          fetch.tuple, zone: fetch.zone, sequence: nextSequence(), into: &writer)
      }
      try send(writer.bytes)
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
