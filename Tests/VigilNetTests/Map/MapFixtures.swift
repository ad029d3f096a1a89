import VigilCore

@testable import VigilNet

/// Shared builders for the map tests: a small cluster and flows through it.
enum MapFixtures {
  static let start = Timestamp(nanoseconds: 1_764_000_000_000_000_000)

  static func at(_ seconds: Int64) -> Timestamp { start.adding(.seconds(seconds)) }

  static let frontend = NetworkEndpoint.workload(
    namespace: "web", kind: "Deployment", name: "frontend", pod: "frontend-7d9f-x2")
  static let backend = NetworkEndpoint.workload(
    namespace: "api", kind: "Deployment", name: "backend", pod: "backend-5c4-k9")
  static let database = NetworkEndpoint.workload(
    namespace: "data", kind: "StatefulSet", name: "postgres", pod: "postgres-0")
  static let postgresMark = EndpointMarks(
    sensitivity: .init(level: .high, product: "postgres", reason: "postgres (port 5432)"))

  /// frontend 10.244.1.10 (public entry), backend 10.244.1.11, postgres 10.244.1.12 (sensitive),
  /// node worker-1 at 10.0.0.5, the API server at 10.96.0.1; pod range 10.244.0.0/16.
  static func resolver() -> StaticEndpointResolver {
    var resolver = StaticEndpointResolver()
    resolver.addClusterRange("10.244.0.0/16")
    resolver.hold("10.244.1.10", as: frontend, marks: EndpointMarks(isPublicEntry: true))
    resolver.hold("10.244.1.11", as: backend)
    resolver.hold("10.244.1.12", as: database, marks: postgresMark)
    resolver.hold("10.0.0.5", as: .node("worker-1", address: "10.0.0.5"))
    resolver.hold("10.96.0.1", as: .apiServer(address: "10.96.0.1"))
    return resolver
  }

  static func flow(
    _ source: String, _ destination: String, port: UInt16 = 8080, at seconds: Int64 = 0,
    outcome: FlowRecord.Outcome = .established, bytesOut: UInt64? = 100, bytesIn: UInt64? = 1000,
    dns: String? = nil, proto: UInt8 = 6
  ) -> FlowRecord {
    FlowRecord(
      start: at(seconds), end: at(seconds + 1), proto: proto, sourceIP: source,
      sourcePort: 40000, destinationIP: destination, destinationPort: port, outcome: outcome,
      bytesOut: bytesOut, bytesIn: bytesIn, packetsOut: bytesOut.map { _ in 2 },
      packetsIn: bytesIn.map { _ in 3 }, dnsName: dns, source: "test")
  }

  /// Attributes `flows` (all must resolve) and counts them into a map.
  static func map(
    _ flows: [FlowRecord], resolver: StaticEndpointResolver = resolver(),
    configuration: NetworkMap.Configuration = .init()
  ) -> NetworkMap {
    var attributor = FlowAttributor()
    var map = NetworkMap(configuration: configuration)
    for flow in flows {
      if let attributed = attributor.attribute(flow, resolver: resolver) { map.add(attributed) }
    }
    map.add(contentsOf: attributor.drainPending(resolver: resolver))
    return map
  }
}
