import Foundation

/// A Linux network namespace made by a test (`ip netns add`) and removed by it: programs run
/// inside with `ip netns exec`. Never connected to the machine's real interfaces.
public final class NetworkNamespace: Sendable {
  /// Its name under `/var/run/netns`.
  public let name: String

  /// The file that names it (for `setns(2)`).
  public var path: String { "/var/run/netns/\(name)" }

  /// Creates a namespace named `vigil-<label>-<pid>-<n>` and brings its loopback up.
  public init(label: String) throws {
    name = "vg-\(label)-\(getpid() % 100_000)-\(NetworkNamespace.nextSerial())"
    try Command.run(["ip", "netns", "add", name])
    try Command.run(["ip", "-n", name, "link", "set", "lo", "up"])
  }

  /// Runs a program inside the namespace and waits for it.
  @discardableResult
  public func run(_ arguments: [String], check: Bool = true) throws -> Command.Result {
    try Command.run(["ip", "netns", "exec", name] + arguments, check: check)
  }

  /// Starts a long-running program inside the namespace.
  public func start(_ arguments: [String], logPath: String? = nil) throws -> Process {
    try Command.start(["ip", "netns", "exec", name] + arguments, logPath: logPath)
  }

  /// Sets a sysctl inside the namespace (`net.netfilter.nf_conntrack_acct`, …).
  public func sysctl(_ key: String, _ value: String) throws {
    try run(["sysctl", "-q", "-w", "\(key)=\(value)"])
  }

  /// Makes programs run in the namespace (`ip netns exec`) resolve names through `nameserver`:
  /// `ip netns exec` binds `/etc/netns/NAME/resolv.conf` over `/etc/resolv.conf`.
  public func useNameserver(_ nameserver: String) throws {
    let directory = "/etc/netns/\(name)"
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    try "nameserver \(nameserver)\noptions attempts:1 timeout:2\n".write(
      toFile: directory + "/resolv.conf", atomically: true, encoding: .utf8)
  }

  /// Deletes the namespace (its veth ends go with it) and its `/etc/netns` files.
  public func remove() {
    _ = try? Command.run(["ip", "netns", "delete", name], check: false)
    try? FileManager.default.removeItem(atPath: "/etc/netns/\(name)")
  }

  deinit { remove() }

  /// Why namespace tests cannot run here, or nil when they can (root, `ip`, a kernel with
  /// network namespaces).
  public static let unsupportedReason: String? = {
    guard getuid() == 0 else { return "network namespace tests need root" }
    guard Command.exists("ip") else { return "network namespace tests need iproute2 (`ip`)" }
    guard FileManager.default.fileExists(atPath: "/proc/self/ns/net") else {
      return "this kernel has no network namespaces"
    }
    do {
      let probe = try NetworkNamespace(label: "probe")
      probe.remove()
      return nil
    } catch {
      return "cannot create a network namespace: \(error)"
    }
  }()

  /// True where namespace tests can run.
  public static var isSupported: Bool { unsupportedReason == nil }

  private static let serial = LockedCounter()

  private static func nextSerial() -> Int { serial.next() }
}

final class LockedCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func next() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
