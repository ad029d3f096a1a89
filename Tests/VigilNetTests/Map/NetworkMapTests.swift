import Testing
import VigilCore

@testable import VigilNet

@Suite struct NetworkMapTests {
  typealias F = MapFixtures

  @Test func foldsFlowsIntoOneEdgePerWorkloadPortAndProtocol() throws {
    var resolver = F.resolver()
    // A second pod of the same workload counts under the same edge.
    resolver.hold(
      "10.244.1.30",
      as: .workload(namespace: "web", kind: "Deployment", name: "frontend", pod: "frontend-7d9f-b7")
    )
    let map = F.map(
      [
        F.flow("10.244.1.10", "10.244.1.11", at: 5, bytesOut: 100, bytesIn: 1000),
        F.flow("10.244.1.30", "10.244.1.11", at: 1, outcome: .refused, bytesOut: 60, bytesIn: 40),
        F.flow("10.244.1.10", "10.244.1.11", at: 9, outcome: .reset, bytesOut: nil, bytesIn: nil),
        F.flow("10.244.1.10", "10.244.1.11", port: 9090, at: 3),
      ], resolver: resolver)
    let graph = map.graph()
    #expect(graph.edges.count == 2)
    let edge = try #require(graph.edges.first { $0.port == 8080 })
    #expect(edge.source == "workload:web/Deployment/frontend")
    #expect(edge.destination == "workload:api/Deployment/backend")
    #expect(edge.connections == 3)
    #expect(edge.bytesOut == 160)
    #expect(edge.bytesIn == 1040)
    #expect(edge.packetsOut == 4)
    #expect(edge.outcomes == .init(established: 1, refused: 1, reset: 1))
    #expect(edge.firstSeen == F.at(1))
    #expect(edge.lastSeen == F.at(10))
    #expect(edge.edgeClass == .eastWest)
    #expect(map.flowCount == 4)
  }

  @Test func classifiesEveryKindOfEdge() throws {
    var resolver = F.resolver()
    resolver.hold("10.96.5.5", as: .service(namespace: "api", name: "legacy", address: "10.96.5.5"))
    let map = F.map(
      [
        F.flow("10.244.1.10", "10.244.1.11"),  // east-west
        F.flow("10.244.1.11", "10.96.5.5"),  // to a Service without backend: east-west
        F.flow("10.244.1.11", "93.184.216.34", port: 443, dns: "example.com"),  // egress
        F.flow("203.0.113.9", "10.244.1.10", port: 443),  // ingress from the internet
        F.flow("10.244.1.11", "10.0.0.5", port: 10250),  // to a node
        F.flow("10.244.1.11", "10.96.0.1", port: 443),  // to the API server
        F.flow("10.244.1.11", "169.254.169.254", port: 80),  // cloud metadata
        F.flow("10.244.1.11", "192.168.50.2", port: 5432),  // private network: other
      ], resolver: resolver)
    let classes = map.graph().edges.reduce(into: [String: EdgeClass]()) {
      $0["\($1.source)→\($1.destination)"] = $1.edgeClass
    }
    let backend = "workload:api/Deployment/backend"
    #expect(classes["workload:web/Deployment/frontend→\(backend)"] == .eastWest)
    #expect(classes["\(backend)→service:api/legacy"] == .eastWest)
    #expect(classes["\(backend)→domain:example.com"] == .egressInternet)
    #expect(classes["ip:203.0.113.9→workload:web/Deployment/frontend"] == .ingressInternet)
    #expect(classes["\(backend)→node:worker-1"] == .toNode)
    #expect(classes["\(backend)→api-server"] == .toAPIServer)
    #expect(classes["\(backend)→cloud-metadata:169.254.169.254"] == .toCloudMetadata)
    #expect(classes["\(backend)→ip:192.168.50.2"] == .other)
    #expect(classes.count == 8)
  }

  @Test func keysExternalEndsByDomainWhenKnownElseByAddress() {
    let map = F.map([
      F.flow("10.244.1.11", "93.184.216.34", port: 443, dns: "example.com"),
      F.flow("10.244.1.11", "93.184.216.35", port: 443, dns: "example.com"),
      F.flow("10.244.1.11", "93.184.216.36", port: 443),
    ])
    let edges = map.graph().edges
    #expect(edges.map(\.destination).sorted() == ["domain:example.com", "ip:93.184.216.36"])
    #expect(edges.first { $0.destination == "domain:example.com" }?.connections == 2)
  }

  @Test func marksPublicEntryPointsAndSensitiveDestinations() throws {
    let graph = F.map([F.flow("10.244.1.10", "10.244.1.12", port: 5432)]).graph()
    let source = try #require(graph.node("workload:web/Deployment/frontend"))
    let destination = try #require(graph.node("workload:data/StatefulSet/postgres"))
    #expect(source.marks.isPublicEntry)
    #expect(source.marks.sensitivity == nil)
    #expect(destination.marks.sensitivity?.product == "postgres")
    #expect(destination.marks.isPublicEntry == false)
  }

  @Test func filtersByNamespaceOfEitherEndAndBySince() {
    let map = F.map([
      F.flow("10.244.1.10", "10.244.1.11", at: 0),  // web → api
      F.flow("10.244.1.11", "10.244.1.12", port: 5432, at: 50),  // api → data
      F.flow("10.244.1.11", "93.184.216.34", port: 443, at: 100, dns: "example.com"),
    ])
    #expect(map.graph(namespace: "web").edges.count == 1)
    #expect(map.graph(namespace: "api").edges.count == 3)
    #expect(map.graph(namespace: "data").edges.map(\.port) == [5432])
    #expect(map.graph(namespace: "nope").edges.isEmpty)
    #expect(map.graph(since: F.at(50)).edges.count == 2)
    #expect(map.graph(namespace: "data", since: F.at(90)).edges.isEmpty)
    // Only the nodes the chosen edges use.
    #expect(map.graph(namespace: "web").nodes.count == 2)
  }

  @Test func dropsFlowsForNewEdgesPastTheLimitAndKeepsCountingOldOnes() {
    let map = F.map(
      [
        F.flow("10.244.1.10", "10.244.1.11", port: 1),
        F.flow("10.244.1.10", "10.244.1.11", port: 2),
        F.flow("10.244.1.10", "10.244.1.11", port: 3),
        F.flow("10.244.1.10", "10.244.1.11", port: 1),
      ], configuration: .init(maxEdges: 2))
    #expect(map.edgeCount == 2)
    #expect(map.droppedFlows == 1)
    #expect(map.flowCount == 3)
    #expect(map.graph().edges.first { $0.port == 1 }?.connections == 2)
    #expect(map.graph().droppedFlows == 1)
  }

  @Test func forgetsEdgesLastSeenBeforeACutoff() {
    var map = F.map([
      F.flow("10.244.1.10", "10.244.1.11", at: 0),
      F.flow("10.244.1.11", "10.244.1.12", port: 5432, at: 100),
    ])
    map.forget(lastSeenBefore: F.at(50))
    #expect(map.edgeCount == 1)
    #expect(map.nodeCount == 2)
    #expect(map.graph().edges.first?.port == 5432)
    // Still counts into the kept edge after renumbering.
    var attributor = FlowAttributor()
    if let again = attributor.attribute(
      F.flow("10.244.1.11", "10.244.1.12", port: 5432, at: 200), resolver: F.resolver())
    {
      map.add(again)
    }
    #expect(map.graph().edges.first?.connections == 2)
  }
}
