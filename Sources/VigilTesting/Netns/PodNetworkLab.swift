import Foundation

/// A small node made of network namespaces, built and torn down by a test: a "node" namespace
/// with a bridge (`br0`, the pod CIDR's gateway) and `bridge-nf-call-iptables` on (as kubelet
/// sets it), pod namespaces on veth pairs, and an "internet" namespace standing in for public
/// hosts, routed through the node. An nftables table in the node uses `ct state`, so the node's
/// conntrack table tracks every forwarded connection, with byte counters on.
///
/// Nothing is connected to the machine's real interfaces: traffic stays between these namespaces.
public final class PodNetworkLab: Sendable {
  /// One pod: its namespace and address.
  public struct Pod: Sendable {
    /// The pod's name in the lab.
    public var name: String
    /// Its network namespace.
    public var namespace: NetworkNamespace
    /// Its IPv4 address in the pod CIDR.
    public var ip: String
    /// The host-side veth in the node namespace.
    public var hostInterface: String
  }

  /// The pod CIDR.
  public static let podCIDR = "10.244.1.0/24"
  /// The node's address on the bridge (the pods' default gateway).
  public static let gateway = "10.244.1.1"
  /// The public host in the "internet" namespace.
  public static let internetHost = "93.184.216.34"
  /// The node's address on the link to the "internet" namespace.
  public static let internetGateway = "93.184.216.1"

  /// The node namespace (bridge, forwarding, conntrack).
  public let node: NetworkNamespace
  /// The public side.
  public let internet: NetworkNamespace
  /// The pods, in the order given.
  public let pods: [Pod]

  /// Builds the lab with pods named `podNames` at 10.244.1.10, .11, … (or `addresses`).
  public init(podNames: [String], addresses: [String]? = nil) throws {
    node = try NetworkNamespace(label: "node")
    internet = try NetworkNamespace(label: "inet")
    try node.sysctl("net.ipv4.ip_forward", "1")
    try node.run(["ip", "link", "add", "br0", "type", "bridge"])
    try node.run(["ip", "addr", "add", "\(Self.gateway)/24", "dev", "br0"])
    try node.run(["ip", "link", "set", "br0", "up"])
    try node.sysctl("net.bridge.bridge-nf-call-iptables", "1")
    try node.sysctl("net.netfilter.nf_conntrack_acct", "1")

    try Command.run([
      "ip", "-n", node.name, "link", "add", "vinet", "type", "veth", "peer", "name", "eth0",
      "netns", internet.name,
    ])
    try node.run(["ip", "addr", "add", "\(Self.internetGateway)/24", "dev", "vinet"])
    try node.run(["ip", "link", "set", "vinet", "up"])
    try internet.run(["ip", "addr", "add", "\(Self.internetHost)/24", "dev", "eth0"])
    try internet.run(["ip", "link", "set", "eth0", "up"])
    try internet.run(["ip", "route", "add", "default", "via", Self.internetGateway])

    var made: [Pod] = []
    for (index, name) in podNames.enumerated() {
      let ip = addresses.map { $0[index] } ?? "10.244.1.\(10 + index)"
      made.append(try Self.addPod(name: name, ip: ip, index: index, node: node))
    }
    pods = made

    let ruleset = """
      table inet vigil_lab {
        chain forward { type filter hook forward priority 0; ct state established,related counter accept; ct state new counter accept; }
        chain input { type filter hook input priority 0; ct state established,related accept; ct state new accept; }
        chain output { type filter hook output priority 0; ct state established,related accept; ct state new accept; }
      }
      """
    let rules = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(node.name).nft")
    try ruleset.write(to: rules, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: rules) }
    try node.run(["nft", "-f", rules.path])
  }

  private static func addPod(name: String, ip: String, index: Int, node: NetworkNamespace)
    throws -> Pod
  {
    let namespace = try NetworkNamespace(label: "pod")
    let host = "vp\(index)"
    try Command.run([
      "ip", "-n", node.name, "link", "add", host, "type", "veth", "peer", "name", "eth0",
      "netns", namespace.name,
    ])
    try node.run(["ip", "link", "set", host, "master", "br0"])
    try node.run(["ip", "link", "set", host, "up"])
    try namespace.run(["ip", "addr", "add", "\(ip)/24", "dev", "eth0"])
    try namespace.run(["ip", "link", "set", "eth0", "up"])
    try namespace.run(["ip", "route", "add", "default", "via", gateway])
    return Pod(name: name, namespace: namespace, ip: ip, hostInterface: host)
  }

  /// The pod named `name`.
  public func pod(_ name: String) -> Pod? { pods.first { $0.name == name } }

  /// Removes every namespace of the lab.
  public func remove() {
    for pod in pods { pod.namespace.remove() }
    internet.remove()
    node.remove()
  }

  deinit { remove() }

  /// Why lab tests are skipped here, or nil when they run: only a kernel without network
  /// namespaces skips them in CI (`CI=true`), where a missing tool or privilege must fail the
  /// test instead; elsewhere (a user's clone) anything ``unsupportedReason`` names skips them.
  public static func skipReason(needing tools: [String] = []) -> String? {
    guard FileManager.default.fileExists(atPath: "/proc/self/ns/net") else {
      return "this kernel has no network namespaces"
    }
    if SharedData.isCI { return nil }
    if let reason = unsupportedReason { return reason }
    for tool in tools where !Command.exists(tool) { return "the lab test needs \(tool)" }
    return nil
  }

  /// Why the lab cannot be built here (no root, no `ip`/`nft`, no netns), or nil.
  public static let unsupportedReason: String? = {
    if let reason = NetworkNamespace.unsupportedReason { return reason }
    guard Command.exists("nft") else { return "the network lab needs nftables (`nft`)" }
    return nil
  }()
}
