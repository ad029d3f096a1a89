import Foundation
import VigilCore
import VigilNet
import VigilTesting

/// A lab for the zone detectors' tests: pods, servers started in them (killed on close), the
/// node's flow collector, and a resolver naming the lab pods as workloads.
final class ZoneLab {
  let lab: PodNetworkLab
  let directory: URL
  var servers: [Process] = []
  var dnsmasqPID: Int32?
  var resolver = StaticEndpointResolver()
  var collector: LabFlowCollector?

  init(pods: [String]) throws {
    lab = try PodNetworkLab(podNames: pods)
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-zones-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    resolver.addClusterRange(PodNetworkLab.podCIDR)
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  func pod(_ name: String) throws -> PodNetworkLab.Pod {
    guard let pod = lab.pod(name) else { throw Failure(description: "no pod \(name)") }
    return pod
  }

  /// Names pod `name` as workload `workload` of `kind` in `namespace`.
  func hold(
    _ name: String, namespace: String, workload: String, kind: String = "Deployment",
    marks: EndpointMarks = .none
  ) throws {
    let pod = try pod(name)
    resolver.hold(
      pod.ip,
      as: .workload(namespace: namespace, kind: kind, name: workload, pod: "\(workload)-0"),
      marks: marks)
  }

  /// Starts python's HTTP server on `port` at `ip` in `namespace`; returns when it answers
  /// (probed from inside its own namespace, which the node does not see).
  func startHTTPServer(in namespace: NetworkNamespace, ip: String, port: Int) throws {
    servers.append(
      try namespace.start(
        ["python3", "-m", "http.server", String(port), "--bind", ip, "--directory", path("")],
        logPath: path("http-\(port)-\(servers.count).log")))
    try waitUntil("the server on \(ip):\(port)") {
      try namespace.run(["nc", "-z", "-w", "1", ip, String(port)], check: false).status == 0
    }
  }

  /// Starts dnsmasq in pod `name` with `records` (`name,address`); returns when it answers.
  func startDNS(in name: String, records: [String]) throws {
    let pod = try pod(name)
    try pod.namespace.run(
      [
        "dnsmasq", "--no-resolv", "--no-hosts", "--bind-interfaces",
        "--listen-address=\(pod.ip)", "--user=root", "--pid-file=\(path("dnsmasq.pid"))",
        "--local-ttl=300", "--log-facility=\(path("dnsmasq.log"))",
      ] + records.map { "--host-record=\($0)" })
    dnsmasqPID = (try? String(contentsOfFile: path("dnsmasq.pid"), encoding: .utf8))
      .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    let probe = records.first?.split(separator: ",").first.map(String.init) ?? "localhost"
    try waitUntil("dnsmasq") {
      try !pod.namespace.run(
        ["dig", "@\(pod.ip)", "+short", "+time=1", "+tries=1", probe], check: false
      ).output.isEmpty
    }
  }

  /// Starts reading the node's conntrack (and DNS) into flow records.
  func startCollector(captureDNS: Bool) throws {
    collector = try LabFlowCollector(namespacePath: lab.node.path, captureDNS: captureDNS)
  }

  /// Waits for flows matching `condition`, then attributes every flow collected.
  func attributedFlows(until condition: @escaping ([FlowRecord]) -> Bool) async throws
    -> [AttributedFlow]
  {
    guard let collector else { throw Failure(description: "no collector") }
    let flows = try await collector.wait(timeout: .seconds(20), until: condition)
    var attributor = FlowAttributor()
    var out = flows.compactMap { attributor.attribute($0, resolver: resolver) }
    out += attributor.drainPending(resolver: resolver)
    return out
  }

  func close() {
    collector?.stop()
    for server in servers where server.isRunning {
      // SIGKILL: children of the test process may ignore SIGTERM.
      kill(server.processIdentifier, SIGKILL)
      server.waitUntilExit()
    }
    if let dnsmasqPID, dnsmasqPID > 1 { kill(dnsmasqPID, SIGKILL) }
    lab.remove()
    try? FileManager.default.removeItem(at: directory)
  }

  /// Polls `condition` for up to 10 s.
  func waitUntil(_ what: String, _ condition: () throws -> Bool) throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while try !condition() {
      guard ContinuousClock.now < deadline else {
        throw Failure(description: "\(what) was not ready within 10 s")
      }
      usleep(50_000)
    }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }
}
