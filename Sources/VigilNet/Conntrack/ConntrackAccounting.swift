#if canImport(Glibc)
  import Glibc

  /// Reads and turns on the conntrack sysctls the agent needs: `nf_conntrack_acct` (byte and
  /// packet counters) and `nf_conntrack_timestamp` (start and stop times). `/proc/sys/net` is
  /// per network namespace, resolved for the thread that opens the file, so the file is opened
  /// from the calling thread while it is inside the namespace (`NetworkNamespaceEntry`).
  public enum ConntrackAccounting {
    /// A conntrack switch under `/proc/sys/net/netfilter`.
    public enum Setting: String, Sendable, Hashable, CaseIterable {
      /// Per-direction byte and packet counters.
      case accounting = "nf_conntrack_acct"
      /// Start and stop timestamps.
      case timestamps = "nf_conntrack_timestamp"

      /// The file that holds it.
      public var path: String { "/proc/sys/net/netfilter/\(rawValue)" }
    }

    /// What `enable` found and did.
    public enum Outcome: String, Sendable, Hashable {
      /// It was on already.
      case alreadyOn
      /// It was off and is on now.
      case turnedOn
    }

    /// Reading or writing a setting failed.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
      /// Why.
      public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The file does not exist (nf_conntrack not loaded, or no such namespace file).
        case unavailable
        /// Not allowed (needs root or CAP_NET_ADMIN in the namespace's user namespace).
        case permissionDenied
        /// Entering the namespace failed.
        case namespace
        /// Reading or writing failed otherwise, or the file held something other than 0/1.
        case io
      }

      /// Why.
      public var code: Code
      /// The setting.
      public var setting: Setting
      /// `errno`, 0 when not a system call error.
      public var errno: Int32

      /// `unavailable: cannot read nf_conntrack_acct …: reason`.
      public var description: String {
        let what =
          switch code {
          case .unavailable: "\(setting.path) does not exist (is nf_conntrack loaded?)"
          case .permissionDenied: "not permitted to change \(setting.path) (needs CAP_NET_ADMIN)"
          case .namespace: "cannot enter the network namespace to reach \(setting.path)"
          case .io: "cannot read or write \(setting.path)"
          }
        let reason = errno != 0 ? ": \(String(cString: strerror(errno)))" : ""
        return "\(code.rawValue): \(what)\(reason)"
      }
    }

    /// True when `setting` is on in the namespace at `namespacePath` (nil: the current one).
    public static func isEnabled(_ setting: Setting, namespacePath: String? = nil)
      throws(Failure) -> Bool
    {
      try inNamespace(namespacePath, setting) { () throws(Failure) in try read(setting) }
    }

    /// Turns `setting` on when it is off; says which it was.
    @discardableResult
    public static func enable(_ setting: Setting, namespacePath: String? = nil) throws(Failure)
      -> Outcome
    {
      try inNamespace(namespacePath, setting) { () throws(Failure) in
        if try read(setting) { return .alreadyOn }
        try write(setting, "1\n")
        return .turnedOn
      }
    }

    /// Sets `setting` to `on` (tests turn it off to check the reporting).
    public static func set(_ setting: Setting, _ on: Bool, namespacePath: String? = nil)
      throws(Failure)
    {
      try inNamespace(namespacePath, setting) { () throws(Failure) in
        try write(setting, on ? "1\n" : "0\n")
      }
    }

    private static func inNamespace<T>(
      _ path: String?, _ setting: Setting, _ body: () throws(Failure) -> T
    ) throws(Failure) -> T {
      let result: Result<T, Failure>
      do {
        result = try NetworkNamespaceEntry.withNamespace(path) {
          Result { () throws(Failure) in try body() }
        }
      } catch let failure as NetworkNamespaceEntry.Failure {
        throw Failure(code: .namespace, setting: setting, errno: failure.code)
      } catch {
        throw Failure(code: .namespace, setting: setting, errno: 0)
      }
      return try result.get()
    }

    private static func failure(_ setting: Setting, _ error: Int32) -> Failure {
      switch error {
      case ENOENT: Failure(code: .unavailable, setting: setting, errno: error)
      case EACCES, EPERM, EROFS: Failure(code: .permissionDenied, setting: setting, errno: error)
      default: Failure(code: .io, setting: setting, errno: error)
      }
    }

    private static func read(_ setting: Setting) throws(Failure) -> Bool {
      let fd = open(setting.path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { throw failure(setting, errno) }
      defer { close(fd) }
      var byte: UInt8 = 0
      let got = Glibc.read(fd, &byte, 1)
      guard got == 1 else { throw failure(setting, got < 0 ? errno : 0) }
      switch byte {
      case UInt8(ascii: "0"): return false
      case UInt8(ascii: "1"): return true
      default: throw Failure(code: .io, setting: setting, errno: 0)
      }
    }

    private static func write(_ setting: Setting, _ text: String) throws(Failure) {
      let fd = open(setting.path, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw failure(setting, errno) }
      defer { close(fd) }
      let bytes = Array(text.utf8)
      let wrote = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      guard wrote == bytes.count else { throw failure(setting, wrote < 0 ? errno : 0) }
    }
  }
#endif
