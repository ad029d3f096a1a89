import Testing
import VigilCore
import VigilNet

@testable import VigilDetect

@Suite("PlaintextHTTPDetector")
struct PlaintextHTTPDetectorTests {
  typealias F = ZoneTestFlows
  let web = F.workload("shop", "web")

  func site(_ name: String?, _ ip: String = "93.184.216.34") -> NetworkEndpoint {
    .external(address: ip, scope: .publicInternet, dnsName: name)
  }

  @Test("port 80 to a public host: one alert per (workload, host), named by the DNS name")
  func portEighty() throws {
    var detector = PlaintextHTTPDetector()
    for second in [0.0, 20, 40] {
      _ = detector.observe(
        F.flow(
          from: web, to: site("example.com"), destinationIP: "93.184.216.34", port: 80,
          at: second, dnsName: "example.com"))
    }
    _ = detector.observe(
      F.flow(
        from: web, to: site("other.example"), destinationIP: "93.184.216.35", port: 80,
        dnsName: "other.example"))
    let alerts = detector.advance(to: F.t0.adding(.seconds(301)))
    #expect(alerts.map { F.field($0, "vigil.http.host") } == ["example.com", "other.example"])
    let alert = try #require(alerts.first)
    #expect(alert.count == 3)
    #expect(alert.severity == .notice)
    #expect(alert.output.contains("example.com (93.184.216.34)"))
    #expect(alert.output.contains("shop/deploy/web"))
    #expect(F.field(alert, "vigil.http.evidence") == "port 80")
    #expect(F.frameworks(alert) == [.mitre, .soc2, .nist, .cis, .pci, .iso27001])
    #expect(alert.tags.contains("mitre:T1071.001"))
    #expect(detector.plaintextFlows == 4)
  }

  @Test("TLS, private destinations, refused attempts, allowed hosts and non-workloads pass")
  func quietCases() {
    var configuration = PlaintextHTTPDetector.Configuration()
    configuration.allowedHosts = ["debian.org"]
    var detector = PlaintextHTTPDetector(configuration: configuration)
    let node = NetworkEndpoint.node("worker-1", address: "10.0.0.5")
    let privateEnd = NetworkEndpoint.external(address: "10.9.9.9", scope: .privateNetwork)
    _ = detector.observe(F.flow(from: web, to: site("example.com"), port: 443))
    _ = detector.observe(F.flow(from: web, to: privateEnd, port: 80))
    _ = detector.observe(F.flow(from: web, to: site("example.com"), port: 80, outcome: .refused))
    _ = detector.observe(
      F.flow(from: web, to: site("deb.debian.org"), port: 80, dnsName: "deb.debian.org"))
    _ = detector.observe(F.flow(from: node, to: site("example.com"), port: 80))
    _ = detector.observe(F.flow(from: web, to: F.workload("shop", "api"), port: 80))
    #expect(detector.finish().isEmpty)
  }

  @Test("a request line in the first bytes counts on any port, and names the Host")
  func payload() throws {
    var detector = PlaintextHTTPDetector()
    let request = Array("GET /update HTTP/1.1\r\nHost: updates.example.net\r\n\r\n".utf8)
    _ = detector.observe(
      F.flow(from: web, to: site(nil, "198.51.100.9"), destinationIP: "198.51.100.9", port: 8081),
      firstBytes: request)
    let tls: [UInt8] = [0x16, 0x03, 0x01, 0x00, 0x05]
    _ = detector.observe(
      F.flow(from: web, to: site(nil, "198.51.100.10"), destinationIP: "198.51.100.10", port: 8443),
      firstBytes: tls)
    let alerts = detector.finish()
    let alert = try #require(alerts.first)
    #expect(alerts.count == 1)
    #expect(F.field(alert, "vigil.http.host") == "updates.example.net")
    #expect(F.field(alert, "vigil.http.evidence") == "request line GET /update HTTP/1.1")
    #expect(alert.output.contains("port 8081"))
  }

  @Test("configured ports and node sources")
  func configuration() {
    var configuration = PlaintextHTTPDetector.Configuration()
    configuration.ports = [80, 8080]
    configuration.includesNodes = true
    var detector = PlaintextHTTPDetector(configuration: configuration)
    let node = NetworkEndpoint.node("worker-1", address: "10.0.0.5")
    _ = detector.observe(F.flow(from: web, to: site("example.com"), port: 8080))
    _ = detector.observe(F.flow(from: node, to: site("example.com"), port: 80))
    #expect(detector.finish().count == 2)
  }
}
