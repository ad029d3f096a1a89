#if canImport(Glibc)
  import Glibc

  /// A capture socket could not be opened, configured or read.
  public struct PacketCaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed.
    public enum Code: String, Sendable, Hashable, CaseIterable {
      /// Entering the network namespace failed.
      case namespace
      /// `socket(AF_PACKET, SOCK_RAW)` failed (CAP_NET_RAW is needed).
      case socket
      /// No interface has the name given.
      case interfaceNotFound
      /// The BPF program was rejected or is empty.
      case attachFilter
      /// A socket option could not be set.
      case socketOption
      /// `bind(2)` to the interface failed.
      case bind
      /// `recvfrom(2)` failed.
      case receive
      /// `getsockopt(PACKET_STATISTICS)` failed.
      case statistics
    }

    /// What failed.
    public var code: Code
    /// `errno`, or 0.
    public var systemError: Int32
    /// The interface, option or namespace path involved.
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, systemError: Int32 = 0, detail: String = "") {
      self.code = code
      self.systemError = systemError
      self.detail = detail
    }

    /// `code (detail): explanation: strerror`.
    public var description: String {
      let text =
        switch code {
        case .namespace: "cannot enter the network namespace"
        case .socket: "cannot open a packet socket (needs CAP_NET_RAW)"
        case .interfaceNotFound: "no such interface"
        case .attachFilter: "the kernel rejected the BPF filter"
        case .socketOption: "cannot set a socket option"
        case .bind: "cannot bind the packet socket"
        case .receive: "receiving a frame failed"
        case .statistics: "cannot read the kernel's packet statistics"
        }
      let reason = systemError == 0 ? "" : ": \(String(cString: strerror(systemError)))"
      let subject = detail.isEmpty ? "" : " (\(detail))"
      return "\(code.rawValue)\(subject): \(text)\(reason)"
    }
  }
#endif
