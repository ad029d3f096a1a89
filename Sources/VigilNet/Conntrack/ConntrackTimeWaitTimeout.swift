#if canImport(Glibc)
  import Glibc

  /// The kernel's TIME_WAIT timeout for conntrack entries
  /// (`/proc/sys/net/netfilter/nf_conntrack_tcp_timeout_time_wait`, per network namespace): how
  /// long a closed TCP connection's entry stays in the table, so how long its late events (and
  /// its DESTROY) can come.
  public enum ConntrackTimeWaitTimeout {
    /// The sysctl file.
    public static let path = "/proc/sys/net/netfilter/nf_conntrack_tcp_timeout_time_wait"

    /// The timeout in the namespace at `namespacePath` (nil: the current one), or nil when it
    /// cannot be read (no conntrack module, no namespace, not a number).
    public static func read(namespacePath: String? = nil) -> Duration? {
      let seconds = try? NetworkNamespaceEntry.withNamespace(namespacePath) { () -> Int? in
        // /proc/sys/net is resolved for the thread that opens it: open it inside.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var text = [UInt8](repeating: 0, count: 32)
        let got = text.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard got > 0 else { return nil }
        return parse(text.prefix(got))
      }
      return seconds.flatMap { $0 }.map { Duration.seconds($0) }
    }

    /// The seconds in the sysctl's text (`120\n`), or nil.
    static func parse(_ text: some Collection<UInt8>) -> Int? {
      let digits = text.prefix { $0 != UInt8(ascii: "\n") }
      guard !digits.isEmpty, digits.count <= 9,
        digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
      else { return nil }
      return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
  }
#endif
