#if canImport(Glibc)
  import Glibc

  /// A conntrack netlink socket call failed.
  public struct ConntrackSocketError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which step failed.
    public enum Code: String, Sendable, Hashable, CaseIterable {
      /// Entering the network namespace failed.
      case namespace
      /// `socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER)` failed.
      case open
      /// `bind` failed.
      case bind
      /// Joining a conntrack multicast group failed (needs CAP_NET_ADMIN).
      case subscribe
      /// Sizing the receive buffer failed.
      case receiveBuffer
      /// `sendto` failed.
      case send
      /// `poll` or `recv` failed with something other than a timeout or ENOBUFS.
      case receive
    }

    /// Which step failed.
    public var code: Code
    /// `errno` (0 when not a system call error).
    public var errno: Int32
    /// Extra context (the namespace path, the error text).
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, errno: Int32, detail: String = "") {
      self.code = code
      self.errno = errno
      self.detail = detail
    }

    /// `code: what failed: strerror`.
    public var description: String {
      let what =
        switch code {
        case .namespace: "cannot enter the network namespace"
        case .open: "cannot open a NETLINK_NETFILTER socket"
        case .bind: "cannot bind the netlink socket"
        case .subscribe: "cannot join the conntrack event groups (needs CAP_NET_ADMIN)"
        case .receiveBuffer: "cannot set the receive buffer size"
        case .send: "cannot send a request to ctnetlink"
        case .receive: "cannot receive from ctnetlink"
        }
      let reason = errno != 0 ? ": \(String(cString: strerror(errno)))" : ""
      let extra = detail.isEmpty ? "" : " (\(detail))"
      return "\(code.rawValue): \(what)\(reason)\(extra)"
    }
  }
#endif
