import Testing
import VigilCore
import VigilJSON
import VigilKube
import VigilNet

@testable import VigilDetect

@Suite struct ExposurePathsTests {
  typealias F = ExposurePathFixtures

  @Test func observedPathFromLoadBalancerToPostgresWithEvidencePerHop() throws {
    let result = ExposurePaths(
      exposures: [F.loadBalancer], graph: F.graph(), workloads: F.workloads)
    #expect(result.entryPoints == 1)
    #expect(result.paths.map(\.kind) == [.observed], "\(result.text)")
    let path = try #require(result.paths.first)
    #expect(path.start == F.id(F.frontend))
    #expect(path.hops.map(\.to) == [F.id(F.api), F.id(F.postgres)])
    let first = try #require(path.hops[0].observed)
    #expect(first.ports == ["8080/tcp", "9090/tcp"])
    #expect(first.connections == 123)
    #expect(first.firstSeen == F.time(5) && first.lastSeen == F.time(4000))
    let second = try #require(path.hops[1].observed)
    #expect(second.ports == ["5432/tcp"] && second.connections == 80)
    #expect(path.connections == 80)
    #expect(path.entry.publicConnections == 50)
    #expect(path.sensitivity == F.postgresMark)
    #expect(
      path.text
        == "Exposure path: LoadBalancer shop/web :443 → shop/deploy/frontend → shop/deploy/api "
        + ":8080,9090 → shop/sts/postgres :5432 (observed, 2 hops after the entry, 80 conns, "
        + "first seen 2026-11-29T12:00:05Z, last seen 2026-11-29T13:06:40Z, 50 public conns in; "
        + "postgres (port 5432))")
  }

  @Test func refusedAttemptsAndUnexposedSourcesDoNotMakePaths() {
    // The frontend's only redis attempts were refused; the batch job reaches postgres but is
    // behind no entry point.
    let result = ExposurePaths(
      exposures: [F.loadBalancer], graph: F.graph(), workloads: F.workloads)
    #expect(!result.paths.contains { $0.target == F.id(F.redis) })
    #expect(!result.paths.contains { $0.hops.contains { $0.from == F.id(F.batch) } })
  }

  @Test func internalLoadBalancersAreNotEntryPoints() {
    var hidden = F.loadBalancer
    hidden.isInternal = true
    let result = ExposurePaths(exposures: [hidden], graph: F.graph(), workloads: F.workloads)
    #expect(result.paths.isEmpty && result.entryPoints == 0)
  }

  @Test func policyAllowedPathIsListedAndMarked() throws {
    let policies = try F.policies(
      F.policy(
        "redis-from-frontend",
        #"{"podSelector":{"matchLabels":{"app":"redis"}},"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"frontend"}}}],"ports":[{"port":6379}]}]}"#
      ))
    let result = ExposurePaths(
      exposures: [F.loadBalancer], graph: F.graph(), workloads: F.workloads, policies: policies)
    let allowed = result.paths(.policyAllowed)
    #expect(allowed.count == 1, "\(result.text)")
    let path = try #require(allowed.first)
    #expect(path.target == F.id(F.redis) && path.hops.count == 1)
    guard case .policyAllowed(let port, let proto, let decision) = path.hops[0].evidence else {
      Issue.record("not a policy hop")
      return
    }
    #expect(port == 6379 && proto == "TCP")
    #expect(decision.allowingPolicies.map(\.name) == ["redis-from-frontend"])
    #expect(path.text.contains("shop/deploy/redis :6379 (policy-allowed)"))
    #expect(path.text.contains("policy-allowed, not seen"))
    // Postgres was observed, so it is not listed again as policy-allowed.
    #expect(!allowed.contains { $0.target == F.id(F.postgres) })
    #expect(result.paths(.observed).count == 1)
  }

  @Test func noPolicyAtAllMeansAFlatNetwork() throws {
    let result = ExposurePaths(
      exposures: [F.loadBalancer], graph: F.graph(), workloads: F.workloads,
      policies: NetworkPolicyModel())
    let path = try #require(result.paths(.policyAllowed).first)
    #expect(path.target == F.id(F.redis))
    guard case .policyAllowed(_, _, let decision) = path.hops[0].evidence else { return }
    #expect(decision.description == "egress: not isolated; ingress: not isolated")
  }

  @Test func defaultDenyRemovesThePolicyAllowedPath() throws {
    let policies = try F.policies(F.policy("default-deny", #"{"podSelector":{}}"#))
    let result = ExposurePaths(
      exposures: [F.loadBalancer], graph: F.graph(), workloads: F.workloads, policies: policies)
    #expect(result.paths(.policyAllowed).isEmpty, "\(result.text)")
    #expect(result.paths(.observed).count == 1, "observed paths stay: flows were seen")
  }

  @Test func policyHopAfterAnObservedPrefix() throws {
    let policies = try F.policies(
      F.policy(
        "redis-from-api",
        #"{"podSelector":{"matchLabels":{"app":"redis"}},"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"api"}}}]}]}"#
      ))
    let result = ExposurePaths(
      exposures: [F.loadBalancer], graph: F.graph(), workloads: F.workloads, policies: policies)
    let path = try #require(result.paths(.policyAllowed).first)
    #expect(path.hops.map(\.to) == [F.id(F.api), F.id(F.redis)])
    #expect(path.hops.map(\.isObserved) == [true, false])
  }

  @Test func pathsLongerThanTheLimitAreNotListed() {
    let hop1 = WorkloadReference(kind: "Deployment", namespace: "shop", name: "a")
    let hop2 = WorkloadReference(kind: "Deployment", namespace: "shop", name: "b")
    let hop3 = WorkloadReference(kind: "Deployment", namespace: "shop", name: "c")
    let vault = WorkloadReference(kind: "StatefulSet", namespace: "sec", name: "vault")
    let mark = EndpointMarks.Sensitivity(
      level: .high, product: "vault", reason: "vault (port 8200)")
    let chain = [F.frontend, hop1, hop2, hop3, vault]
    let nodes = chain.map {
      NetworkGraph.Node(
        endpoint: F.endpoint($0), marks: $0 == vault ? EndpointMarks(sensitivity: mark) : .none)
    }
    let edges = zip(chain, chain.dropFirst()).map {
      F.edge(F.id($0), F.id($1), 8200, connections: 1)
    }
    let graph = NetworkGraph(nodes: nodes, edges: edges)
    let short = ExposurePaths(exposures: [F.loadBalancer], graph: graph)
    #expect(short.paths.isEmpty)
    let long = ExposurePaths(
      exposures: [F.loadBalancer], graph: graph, configuration: .init(maxHops: 4))
    #expect(long.paths.map(\.hops.count) == [4])
  }

  @Test func directExposureOfASensitiveWorkload() throws {
    var exposure = F.loadBalancer
    exposure.workloads = [F.postgres]
    let result = ExposurePaths(exposures: [exposure], graph: F.graph(), workloads: F.workloads)
    let direct = try #require(result.paths(.direct).first)
    #expect(direct.hops.isEmpty && direct.target == F.id(F.postgres))
  }

  @Test func cloudMetadataIsASensitiveEnd() throws {
    let metadata = NetworkEndpoint.cloudMetadata(address: "169.254.169.254")
    let graph = F.graph(
      extra: [F.edge(F.id(F.frontend), metadata.id, 80, .toCloudMetadata, connections: 2)],
      extraNodes: [NetworkGraph.Node(endpoint: metadata)])
    let result = ExposurePaths(exposures: [F.loadBalancer], graph: graph)
    let path = try #require(result.paths.first { $0.target == metadata.id })
    #expect(path.sensitivity.product == "cloud metadata")
  }

  @Test func jsonCarriesEveryHop() throws {
    let policies = try F.policies(
      F.policy(
        "redis-from-frontend",
        #"{"podSelector":{"matchLabels":{"app":"redis"}},"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"frontend"}}}]}]}"#
      ))
    let result = ExposurePaths(
      exposures: [F.loadBalancer], graph: F.graph(), workloads: F.workloads, policies: policies)
    let document = try JSONDocument(parsing: result.json)
    let root = document.root
    #expect(root["counts"]?["observed"]?.int == 1)
    #expect(root["counts"]?["policyAllowed"]?.int == 1)
    let paths = root["paths"]?.elements ?? []
    #expect(paths.count == 2)
    let observed = try #require(paths.first { $0["kind"]?.string == "observed" })
    #expect(observed["entry"]?["label"]?.string == "LoadBalancer shop/web :443")
    #expect(observed["target"]?["sensitivity"]?["product"]?.string == "postgres")
    #expect(observed["hops"]?.elements.map { $0["connections"]?.int } == [123, 80])
    #expect(observed["hops"]?[1]?["firstSeen"]?.string == "2026-11-29T12:00:20.000000Z")
    let allowed = try #require(paths.first { $0["kind"]?.string == "policy-allowed" })
    #expect(allowed["hops"]?[0]?["policies"]?[0]?.string == "shop/redis-from-frontend")
    #expect(allowed["hops"]?[0]?["evidence"]?.string == "policy-allowed")
    #expect(result.text.hasPrefix("2 exposure paths from 1 public entry points"))
  }
}
