import Foundation
import Testing
import VigilCore
import VigilNet
import VigilTesting

/// `vigil exposure --paths`: a LoadBalancer in front of web, flows web → api → postgres, and a
/// NetworkPolicy that would let web reach redis though no flow was seen.
@Suite struct ExposurePathsCommandTests {
  static func pod(_ name: String, _ app: String, _ image: String, _ ip: String, port: Int) -> String
  {
    """
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(app)-7d9f8b6c5d-\(name)","namespace":"shop",\
    "uid":"uid-\(name)","creationTimestamp":"2026-11-29T00:00:00Z","labels":{"app":"\(app)",\
    "pod-template-hash":"7d9f8b6c5d"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet",\
    "name":"\(app)-7d9f8b6c5d","uid":"rs-\(name)","controller":true}]},"spec":{"nodeName":"node-1",\
    "containers":[{"name":"c","image":"\(image)","ports":[{"containerPort":\(port)}]}]},\
    "status":{"phase":"Running","podIP":"\(ip)","podIPs":[{"ip":"\(ip)"}]}}
    """
  }

  static let inventory = """
    {"apiVersion":"v1","kind":"List","items":[
    \(pod("a", "web", "nginx:1.27", "10.244.1.10", port: 8080)),
    \(pod("b", "api", "python:3.12", "10.244.1.11", port: 9000)),
    \(pod("c", "postgres", "postgres:16", "10.244.1.12", port: 5432)),
    \(pod("d", "redis", "redis:7", "10.244.1.13", port: 6379)),
    {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop","uid":"svc-1",
     "creationTimestamp":"2026-11-29T00:00:00Z"},"spec":{"type":"LoadBalancer","selector":{"app":"web"},
     "clusterIP":"10.96.0.10","ports":[{"port":443,"targetPort":8080,"protocol":"TCP"}]},
     "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}}},
    {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"redis-from-web",
     "namespace":"shop","uid":"np-1"},"spec":{"podSelector":{"matchLabels":{"app":"redis"}},
     "policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"web"}}}],
     "ports":[{"port":6379,"protocol":"TCP"}]}]}}
    ]}
    """

  static func flow(_ source: String, _ destination: String, _ port: UInt16) -> String {
    FlowRecord(
      start: Timestamp.now(), proto: 6, sourceIP: source, sourcePort: 40_000,
      destinationIP: destination, destinationPort: port, outcome: .established, bytesOut: 100,
      bytesIn: 200, node: "node-1", source: "conntrack"
    ).jsonLine
  }

  @Test func observedAndPolicyAllowedPathsAreListed() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vigil-paths-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let snapshot = directory.appendingPathComponent("cluster.json").path
    let flows = directory.appendingPathComponent("flows.jsonl").path
    try Self.inventory.write(toFile: snapshot, atomically: true, encoding: .utf8)
    try [
      Self.flow("203.0.113.77", "10.244.1.10", 8080), Self.flow("10.244.1.10", "10.244.1.11", 9000),
      Self.flow("10.244.1.11", "10.244.1.12", 5432),
    ].joined(separator: "\n").write(toFile: flows, atomically: true, encoding: .utf8)
    let run = { (arguments: [String]) throws -> Command.Result in
      try Command.run(
        [ServeProcess.binary.path, "exposure", "--snapshot", snapshot, "--paths", "--flows", flows]
          + arguments, check: false)
    }
    let text = try run([])
    #expect(text.status == 0, "\(text.error)")
    #expect(text.output.contains("postgres"), "\(text.output)")
    #expect(text.output.contains("web") && text.output.contains("api"))
    let json = try run(["-o", "json"])
    #expect(json.status == 0)
    #expect(json.output.contains("\"observed\"") && json.output.contains("postgres"))
    #expect(json.output.contains("redis"), "policy-allowed hop web → redis: \(json.output)")
  }
}
