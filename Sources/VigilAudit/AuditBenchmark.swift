import VigilCore
import VigilJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Measures the audit input on a generated JSON-lines file of realistic pod-create events:
/// a plain newline scan, the JSON reader alone, and the whole decode into `Event`s.
public enum AuditBenchmark {
  /// One measurement.
  public struct Result: Sendable, CustomStringConvertible {
    /// What was measured.
    public var name: String
    /// Bytes processed.
    public var bytes: Int
    /// Events (or lines) processed.
    public var events: Int
    /// Wall time in seconds.
    public var seconds: Double

    /// `name: 512.3 MB/s, 250.1k events/s`.
    public var description: String {
      let mbps = Double(bytes) / seconds / 1e6
      let eps = Double(events) / seconds / 1e3
      return "\(name): \((mbps * 10).rounded() / 10) MB/s, \((eps * 10).rounded() / 10)k events/s"
    }
  }

  /// A realistic ~2 KB kubectl pod-create event (RequestResponse level) numbered `i`.
  public static func podCreateEvent(_ i: Int) -> String {
    let id = "a1b2c3d4-\(String(i, radix: 16))-4c4e-9f0a-2b7e5d1c3a90"
    let pod = "web-\(i % 977)-7998647bdf-x\(i % 13)"
    let container =
      #"{"name":"app","image":"registry.example.com/team/web:1.\#(i % 40)","ports":[{"containerPort":8080,"protocol":"TCP"}],"resources":{"limits":{"cpu":"500m","memory":"256Mi"}},"securityContext":{"runAsNonRoot":true,"allowPrivilegeEscalation":false}}"#
    return
      #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"\#(id)","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/team-\#(i % 20)/pods","verb":"create","user":{"username":"system:serviceaccount:kube-system:replicaset-controller","uid":"4f1c2e0b","groups":["system:serviceaccounts","system:serviceaccounts:kube-system","system:authenticated"]},"sourceIPs":["10.0.\#(i % 250).\#(i % 200)"],"userAgent":"kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:replicaset-controller","objectRef":{"resource":"pods","namespace":"team-\#(i % 20)","name":"\#(pod)","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestObject":{"kind":"Pod","apiVersion":"v1","metadata":{"generateName":"web-7998647bdf-","namespace":"team-\#(i % 20)","labels":{"app":"web","pod-template-hash":"7998647bdf"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7998647bdf","uid":"9c1e","controller":true,"blockOwnerDeletion":true}]},"spec":{"containers":[\#(container),\#(container.replacingOccurrences(of: "\"app\"", with: "\"sidecar\""))],"restartPolicy":"Always","serviceAccountName":"web","securityContext":{"fsGroup":2000}}},"responseObject":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"\#(pod)","namespace":"team-\#(i % 20)","uid":"\#(id)","resourceVersion":"\#(100000 + i)","creationTimestamp":"2024-05-01T10:00:00Z"},"spec":{"containers":[\#(container)],"nodeName":"node-\#(i % 9)"},"status":{"phase":"Pending","qosClass":"Burstable"}},"requestReceivedTimestamp":"2024-05-01T10:00:00.100000Z","stageTimestamp":"2024-05-01T10:00:00.120000Z","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: allowed by ClusterRoleBinding \"system:controller:replicaset-controller\""}}"#
  }

  /// Writes `count` events as JSON lines to `path`; returns the file size.
  @discardableResult
  public static func writeFile(path: String, count: Int) -> Int {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return 0 }
    defer { close(fd) }
    var total = 0
    var chunk: [UInt8] = []
    for i in 0..<count {
      chunk.append(contentsOf: podCreateEvent(i).utf8)
      chunk.append(0x0A)
      if chunk.count > 1 << 20 || i == count - 1 {
        total += chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        chunk.removeAll(keepingCapacity: true)
      }
    }
    return total
  }

  /// Runs the three measurements on `path` (a JSON-lines file).
  public static func run(path: String) throws -> [Result] {
    var results: [Result] = []
    // 1. Plain newline scan with read(2) + memchr.
    var start = now()
    var lines = 0
    var bytes = 0
    let fd = open(path, O_RDONLY)
    if fd >= 0 {
      var buffer = [UInt8](repeating: 0, count: 1 << 20)
      while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        bytes += n
        buffer.withUnsafeBytes { b in
          guard let base = b.baseAddress else { return }
          var p = base
          let end = base + n
          while p < end, let hit = memchr(p, 0x0A, end - p) {
            lines += 1
            p = UnsafeRawPointer(hit) + 1
          }
        }
      }
      close(fd)
    }
    results.append(
      Result(name: "newline scan", bytes: bytes, events: lines, seconds: now() - start))

    // 2. The JSON reader alone, on each line.
    start = now()
    var parsed = 0
    var parsedBytes = 0
    var indexer = JSONIndexer()
    let reader = try AuditLogSource.open(path, chunkSize: 1 << 20)
    while let piece = try reader.next() {
      if (try? indexer.parse(piece.bytes)) != nil { parsed += 1 }
      parsedBytes += piece.bytes.count + 1
    }
    results.append(
      Result(name: "lines + JSON index", bytes: parsedBytes, events: parsed, seconds: now() - start)
    )

    // 3. The whole AuditLogSource: lines, JSON, AuditEvent fields, redaction check, dedup.
    start = now()
    var source = try AuditLogSource(paths: [path])
    var events = 0
    while source.next() != nil { events += 1 }
    results.append(
      Result(
        name: "AuditLogSource → Event", bytes: source.statistics.bytesRead, events: events,
        seconds: now() - start))
    return results
  }

  static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
}
