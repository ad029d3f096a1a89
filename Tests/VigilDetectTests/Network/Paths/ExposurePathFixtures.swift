import VigilCore
import VigilKube
import VigilNet

@testable import VigilDetect

/// The shop: a LoadBalancer Service `shop/web` in front of the frontend Deployment, which calls
/// the api Deployment, which calls the postgres StatefulSet; a redis Deployment nobody was seen
/// calling (one refused attempt from the frontend).
enum ExposurePathFixtures {
  static func time(_ seconds: Int) -> Timestamp {
    Timestamp(nanoseconds: (1_795_953_600 + Int64(seconds)) * 1_000_000_000)
  }

  static let frontend = WorkloadReference(kind: "Deployment", namespace: "shop", name: "frontend")
  static let api = WorkloadReference(kind: "Deployment", namespace: "shop", name: "api")
  static let postgres = WorkloadReference(kind: "StatefulSet", namespace: "shop", name: "postgres")
  static let redis = WorkloadReference(kind: "Deployment", namespace: "shop", name: "redis")
  static let batch = WorkloadReference(kind: "CronJob", namespace: "shop", name: "report")

  static let postgresMark = EndpointMarks.Sensitivity(
    level: .high, product: "postgres", reason: "postgres (port 5432)")
  static let redisMark = EndpointMarks.Sensitivity(
    level: .high, product: "redis", reason: "redis (port 6379)")

  static func endpoint(_ workload: WorkloadReference) -> NetworkEndpoint {
    .workload(namespace: workload.namespace, kind: workload.kind, name: workload.name)
  }

  static func id(_ workload: WorkloadReference) -> String { endpoint(workload).id }

  static let loadBalancer = Exposure(
    id: Exposure.ID(
      source: ObjectKey(kind: "Service", namespace: "shop", name: "web"), entry: "service"),
    kind: .loadBalancer, addresses: ["203.0.113.10"],
    ports: [Exposure.Port(port: 443, targetPort: "8443", nodePort: 31443)],
    selector: ["app": "frontend"], workloads: [frontend], firstSeen: time(0))

  static func edge(
    _ from: String, _ to: String, _ port: UInt16, _ edgeClass: EdgeClass = .eastWest,
    connections: Int, refused: Int = 0, first: Int = 0, last: Int = 3600
  ) -> NetworkGraph.Edge {
    NetworkGraph.Edge(
      source: from, destination: to, port: port, proto: 6, edgeClass: edgeClass,
      connections: connections + refused, bytesOut: UInt64(connections) * 100,
      bytesIn: UInt64(connections) * 1000, firstSeen: time(first), lastSeen: time(last),
      outcomes: NetworkGraph.OutcomeCounts(established: connections, refused: refused))
  }

  static let client = NetworkEndpoint.external(address: "198.51.100.7", scope: .publicInternet)

  /// The observed map: internet → frontend → api → postgres, plus noise.
  static func graph(extra: [NetworkGraph.Edge] = [], extraNodes: [NetworkGraph.Node] = [])
    -> NetworkGraph
  {
    let nodes = [
      NetworkGraph.Node(endpoint: client),
      NetworkGraph.Node(endpoint: endpoint(frontend), marks: EndpointMarks(isPublicEntry: true)),
      NetworkGraph.Node(endpoint: endpoint(api)),
      NetworkGraph.Node(
        endpoint: endpoint(postgres), marks: EndpointMarks(sensitivity: postgresMark)),
      NetworkGraph.Node(endpoint: endpoint(redis), marks: EndpointMarks(sensitivity: redisMark)),
      NetworkGraph.Node(endpoint: endpoint(batch)),
    ]
    let edges = [
      edge(client.id, id(frontend), 8443, .ingressInternet, connections: 50),
      edge(id(frontend), id(api), 8080, connections: 120, first: 10),
      edge(id(frontend), id(api), 9090, connections: 3, first: 5, last: 4000),
      edge(id(api), id(postgres), 5432, connections: 80, first: 20),
      edge(id(api), id(frontend), 8443, connections: 2),
      edge(id(frontend), id(redis), 6379, connections: 0, refused: 4),
      edge(id(batch), id(postgres), 5432, connections: 9),
    ]
    return NetworkGraph(nodes: nodes + extraNodes, edges: edges + extra)
  }

  static func pod(_ workload: WorkloadReference, app: String, ports: [Int] = [])
    -> NetworkPolicyEndpoint.Pod
  {
    NetworkPolicyEndpoint.Pod(
      namespace: workload.namespace, name: "\(workload.name)-0", labels: Labels(["app": app]),
      ports: ports.map { ContainerPortRecord(containerPort: Int32($0)) })
  }

  /// The workload table: pods, ports and sensitivity.
  static let workloads = ExposurePathWorkloads([
    .init(
      reference: frontend, pods: [pod(frontend, app: "frontend", ports: [8443])],
      ports: [.init(8443)]),
    .init(reference: api, pods: [pod(api, app: "api", ports: [8080])], ports: [.init(8080)]),
    .init(
      reference: postgres, pods: [pod(postgres, app: "postgres", ports: [5432])],
      ports: [.init(5432)], sensitivity: postgresMark),
    .init(
      reference: redis, pods: [pod(redis, app: "redis", ports: [6379])], ports: [.init(6379)],
      sensitivity: redisMark),
  ])

  static func policy(_ name: String, _ spec: String) -> String {
    #"{"kind":"NetworkPolicy","metadata":{"name":"\#(name)","namespace":"shop"},"spec":\#(spec)}"#
  }

  static func policies(_ texts: String...) throws -> NetworkPolicyModel {
    var model = NetworkPolicyModel()
    for text in texts { try model.apply(json: text) }
    return model
  }
}
