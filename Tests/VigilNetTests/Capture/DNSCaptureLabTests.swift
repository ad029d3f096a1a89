import Foundation
import Testing
import VigilCore
import VigilTesting

@testable import VigilNet

/// Real traffic: dnsmasq in one pod namespace answers `dig` in others, and the capture socket in
/// the lab's node namespace sees the responses on the bridge ports.
@Suite("DNSCapture lab", .serialized)
struct DNSCaptureLabTests {
  static let unsupported = PodNetworkLab.skipReason(needing: ["dnsmasq", "dig"])

  @Test(
    "names resolved by a pod over UDP and TCP label that pod's flows only",
    .enabled(if: unsupported == nil, "\(unsupported ?? "")"))
  func capturesResolutionsPerClient() throws {
    let lab = try PodNetworkLab(podNames: ["dns", "client", "other"])
    defer { lab.remove() }
    let server = try #require(lab.pod("dns"))
    let client = try #require(lab.pod("client"))
    let other = try #require(lab.pod("other"))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-dnscap-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // Daemon mode: the launcher returns once the pid file is written, and the test stops the
    // server by that pid. Its local records default to TTL 0, which the cache would expire at once.
    let pidFile = directory.appendingPathComponent("dnsmasq.pid").path
    try server.namespace.run([
      "dnsmasq", "--no-resolv", "--no-hosts", "--bind-interfaces",
      "--listen-address=\(server.ip)", "--user=root", "--pid-file=\(pidFile)", "--local-ttl=300",
      "--log-facility=\(directory.appendingPathComponent("dnsmasq.log").path)",
      "--host-record=api.example.com,93.184.216.34",
      "--cname=www.example.com,api.example.com",
      "--host-record=tcp.example.com,93.184.216.36",
      "--host-record=v6.example.com,2001:db8::5",
      "--host-record=db.example.com,93.184.216.35",
    ])
    defer {
      let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
      if let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 {
        // SIGKILL: dnsmasq inherits the test process's blocked signal mask, SIGTERM included.
        kill(pid, SIGKILL)
      }
    }
    // Ready when it answers itself (inside its own namespace: the node sees nothing of it).
    let deadline = ContinuousClock.now + .seconds(10)
    while try server.namespace.run(
      ["dig", "@\(server.ip)", "+short", "+time=1", "+tries=1", "api.example.com"], check: false
    ).output.contains("93.184.216.34") == false {
      guard ContinuousClock.now < deadline else {
        Issue.record("dnsmasq did not answer within 10 s")
        return
      }
      usleep(50_000)
    }

    let all = try PacketCaptureSocket(
      .init(namespacePath: lab.node.path, receiveTimeout: .milliseconds(200)))
    let port = try PacketCaptureSocket(
      .init(
        interface: client.hostInterface, namespacePath: lab.node.path,
        receiveTimeout: .milliseconds(200)))

    let udp = try client.namespace.run(["dig", "@\(server.ip)", "+short", "www.example.com"])
    #expect(udp.output.contains("93.184.216.34"))
    let tcp = try client.namespace.run([
      "dig", "+tcp", "@\(server.ip)", "+short", "tcp.example.com",
    ])
    #expect(tcp.output.contains("93.184.216.36"))
    let v6 = try client.namespace.run(["dig", "@\(server.ip)", "+short", "AAAA", "v6.example.com"])
    #expect(v6.output.contains("2001:db8::5"))
    try other.namespace.run(["dig", "@\(server.ip)", "+short", "db.example.com"])
    // Traffic the filter must keep out of user space.
    try other.namespace.run(["ping", "-c", "2", "-i", "0.2", "-W", "1", client.ip], check: false)

    var capture = DNSCapture()
    var frames: [PacketCaptureSocket.Frame] = []
    while let frame = try all.receive() {
      frames.append(frame)
      capture.observe(frame, at: Timestamp.now())
    }
    let now = Timestamp.now()
    #expect(capture.name(for: "93.184.216.34", client: client.ip, at: now) == "www.example.com")
    #expect(capture.name(for: "93.184.216.36", client: client.ip, at: now) == "tcp.example.com")
    #expect(capture.name(for: "2001:db8::5", client: client.ip, at: now) == "v6.example.com")
    #expect(capture.name(for: "93.184.216.35", client: other.ip, at: now) == "db.example.com")
    #expect(capture.name(for: "93.184.216.34", client: other.ip, at: now) == nil)
    #expect(capture.name(for: "93.184.216.35", client: client.ip, at: now) == nil)
    // Each response crossed two bridge ports: seen twice, recorded once.
    #expect(capture.counters.responses == 4)
    #expect(capture.counters.duplicateResponses >= 4)
    #expect(capture.counters.queries >= 4)
    #expect(capture.counters.malformedFrames == 0, "\(capture.counters.skipped)")
    #expect(capture.counters.skipped[.notDNSPort] == nil, "the filter let non-DNS traffic in")
    #expect(capture.counters.skipped[.notIP] == nil, "the filter let non-IP frames in")
    let directions = Set(frames.map(\.direction))
    #expect(directions.contains(.outgoing) && directions.contains(.otherHost), "\(directions)")
    let stats = try all.statistics()
    #expect(stats.dropped == 0)
    #expect(stats.received >= UInt64(frames.count))

    // The socket bound to the client's bridge port sees only that port's traffic.
    var portCapture = DNSCapture()
    let clientIndex = try NetworkNamespaceEntry.withNamespace(lab.node.path) {
      Int32(bitPattern: if_nametoindex(client.hostInterface))
    }
    var portFrames = 0
    while let frame = try port.receive() {
      portFrames += 1
      #expect(frame.interfaceIndex == clientIndex)
      portCapture.observe(frame, at: now)
    }
    #expect(portFrames > 0)
    #expect(portCapture.counters.responses == 3)
    #expect(portCapture.name(for: "93.184.216.34", client: client.ip, at: now) == "www.example.com")
    #expect(portCapture.name(for: "93.184.216.35", client: other.ip, at: now) == nil)
  }

  @Test(
    "a missing interface or namespace is a clear error",
    .enabled(if: PodNetworkLab.skipReason() == nil, "\(PodNetworkLab.skipReason() ?? "")"))
  func reportsBadConfiguration() {
    do {
      _ = try PacketCaptureSocket(.init(interface: "vigil-none0"))
      Issue.record("opened a socket on a missing interface")
    } catch {
      #expect(error.code == .interfaceNotFound)
      #expect(error.description.contains("vigil-none0"))
    }
    do {
      _ = try PacketCaptureSocket(.init(namespacePath: "/var/run/netns/vigil-no-such-namespace"))
      Issue.record("opened a socket in a missing namespace")
    } catch {
      #expect(error.code == .namespace)
    }
  }
}
