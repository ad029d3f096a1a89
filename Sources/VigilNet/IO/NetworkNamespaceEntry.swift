#if canImport(Glibc)
  import CVigilLinux
  import Glibc

  /// Opens sockets inside another network namespace (`/var/run/netns/NAME`, `/proc/PID/ns/net`):
  /// a socket belongs to the namespace it was created in, so the calling thread enters the
  /// namespace, creates the socket and returns to its own namespace before anything else runs on
  /// it. With `path == nil` the socket is created in the current namespace.
  public enum NetworkNamespaceEntry {
    /// Entering or leaving a namespace failed.
    public struct Failure: Error, CustomStringConvertible {
      /// What was attempted.
      public var operation: String
      /// The namespace file.
      public var path: String
      /// `errno`.
      public var code: Int32
      /// Explanation.
      public var description: String {
        "\(operation) \(path): \(String(cString: strerror(code)))"
      }
    }

    /// Runs `body` (which must not suspend) with the calling thread inside the namespace at
    /// `path`, then returns the thread to the namespace it started in.
    public static func withNamespace<T>(
      _ path: String?, _ body: () throws -> T
    ) throws -> T {
      guard let path else { return try body() }
      let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
      guard original >= 0 else {
        throw Failure(operation: "open", path: "/proc/thread-self/ns/net", code: errno)
      }
      defer { close(original) }
      let target = open(path, O_RDONLY | O_CLOEXEC)
      guard target >= 0 else { throw Failure(operation: "open", path: path, code: errno) }
      defer { close(target) }
      guard vigil_setns_net(target) == 0 else {
        throw Failure(operation: "setns", path: path, code: errno)
      }
      defer { _ = vigil_setns_net(original) }
      return try body()
    }
  }
#endif
