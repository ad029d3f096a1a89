import Logging
import Synchronization
import VigilCore

#if canImport(Glibc)
  import Glibc
#endif

/// Alerts, clocks and directories for the sink tests.
enum SinkFixtures {
  /// An exec-into-pod alert; `rule` and `output` vary it.
  static func alert(
    rule: String = "Attach/Exec Pod", severity: Severity = .warning,
    output: String = "Attach/Exec to pod (user=alice pod=web-1 ns=prod)",
    user: String = "alice", namespace: String = "prod"
  ) -> Alert {
    let time = Timestamp(nanoseconds: 1_760_000_000_123_456_000)
    return Alert(
      rule: rule, severity: severity, time: time, output: output, source: "k8s_audit",
      tags: ["k8s", "T1609", "soc2:CC6.1"],
      fields: [
        AlertField(name: "ka.user.name", value: user),
        AlertField(name: "ka.verb", value: "create"),
        AlertField(name: "ka.target.resource", value: "pods"),
        AlertField(name: "ka.target.subresource", value: "exec"),
        AlertField(name: "ka.target.namespace", value: namespace),
        AlertField(name: "ka.req.pod.containers.image", value: nil),
      ],
      subject: AlertSubject(
        user: user, sourceIP: "203.0.113.7", userAgent: "kubectl/v1.31.0", namespace: namespace,
        resource: "pods", name: "web-1"),
      evidence: [], dedupKey: "\(rule)|\(user)|\(namespace)")
  }

  /// A logger that drops everything (tests check outcomes, not log lines).
  static let logger = Logger(label: "vigil.sinks.tests") { _ in SwiftLogNoOpLogHandler() }

  /// A fresh directory under the system temporary directory.
  static func temporaryDirectory() -> String {
    var template = Array("/tmp/vigil-sinks-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { mkdtemp($0) } != nil
    }
    let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return made ? path : "/tmp/vigil-sinks-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
  }

  /// The file's content, or nil when it does not exist.
  static func contents(of path: String) -> String? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count <= 0 { break }
      bytes += chunk[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The file's lines (without empty ones).
  static func lines(_ path: String) -> [String] {
    (contents(of: path) ?? "").split(separator: "\n").map(String.init)
  }
}

/// A clock tests move by hand.
final class ManualClock: Sendable {
  private let time: Mutex<Timestamp>

  init(_ start: Timestamp = Timestamp(nanoseconds: 1_760_000_000_000_000_000)) {
    time = Mutex(start)
  }

  /// The current time.
  func now() -> Timestamp { time.withLock { $0 } }

  /// Moves the clock forward.
  func advance(_ duration: Duration) { time.withLock { $0 = $0.adding(duration) } }
}
