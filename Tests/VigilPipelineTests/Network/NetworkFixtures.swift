import VigilCore
import VigilKube
import VigilNet
import VigilPipeline

/// A small cluster for the network map tests: a node, the API server Service, a postgres
/// Deployment behind a LoadBalancer (public and sensitive), a web Deployment, a bare pod.
enum NetworkFixtures {
  static let now = Timestamp(rfc3339: "2026-11-02T12:00:00Z") ?? Timestamp(nanoseconds: 0)
  static let created = "2026-11-01T08:00:00Z"

  static func pod(
    _ name: String, namespace: String, ip: String, labels: String, owner: String? = nil,
    image: String = "nginx:1.27", port: Int = 8080, created: String = NetworkFixtures.created
  ) -> String {
    let owners =
      owner.map {
        #","ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"\#($0)","uid":"rs-\#($0)","controller":true}]"#
      } ?? ""
    return #"""
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","namespace":"\#(namespace)","uid":"p-\#(name)","creationTimestamp":"\#(created)","labels":{\#(labels)}\#(owners)},"spec":{"nodeName":"node-1","containers":[{"name":"main","image":"\#(image)","ports":[{"containerPort":\#(port),"protocol":"TCP"}]}]},"status":{"phase":"Running","podIP":"\#(ip)","podIPs":[{"ip":"\#(ip)"}]}}
      """#
  }

  static func deployment(_ name: String, namespace: String, app: String) -> [String] {
    [
      #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"\#(name)","namespace":"\#(namespace)","uid":"d-\#(name)","creationTimestamp":"\#(created)"},"spec":{"selector":{"matchLabels":{"app":"\#(app)"}}}}"#,
      #"{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"\#(name)-7d9f","namespace":"\#(namespace)","uid":"rs-\#(name)-7d9f","creationTimestamp":"\#(created)","labels":{"app":"\#(app)","pod-template-hash":"7d9f"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"\#(name)","uid":"d-\#(name)","controller":true}]},"spec":{"selector":{"matchLabels":{"app":"\#(app)"}}}}"#,
    ]
  }

  static let baseObjects: [String] =
    [
      #"{"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1","uid":"n-1","creationTimestamp":"2026-10-01T00:00:00Z"},"spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24"]},"status":{"addresses":[{"type":"InternalIP","address":"10.0.0.5"}]}}"#,
      #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"kubernetes","namespace":"default","uid":"s-k","creationTimestamp":"2026-10-01T00:00:00Z"},"spec":{"type":"ClusterIP","clusterIP":"10.96.0.1","clusterIPs":["10.96.0.1"],"ports":[{"name":"https","protocol":"TCP","port":443,"targetPort":6443}]}}"#,
      #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"db","namespace":"payments","uid":"s-db","creationTimestamp":"2026-10-01T00:00:00Z"},"spec":{"type":"LoadBalancer","clusterIP":"10.96.14.7","clusterIPs":["10.96.14.7"],"ports":[{"name":"pg","protocol":"TCP","port":5432,"targetPort":5432,"nodePort":31432}],"selector":{"app":"db"}},"status":{"loadBalancer":{"ingress":[{"ip":"34.120.1.9"}]}}}"#,
      pod(
        "db-7d9f-x2k4p", namespace: "payments", ip: "10.244.1.5", labels: #""app":"db""#,
        owner: "db-7d9f", image: "postgres:16.2", port: 5432),
      pod(
        "web-7d9f-abcde", namespace: "web", ip: "10.244.1.6", labels: #""app":"web""#,
        owner: "web-7d9f"),
    ] + deployment("db", namespace: "payments", app: "db")
    + deployment("web", namespace: "web", app: "web")

  static func snapshot(_ extra: [String] = []) -> ClusterSnapshot {
    var snapshot = ClusterSnapshot()
    let list =
      #"{"apiVersion":"v1","kind":"List","items":["# + (baseObjects + extra).joined(separator: ",")
      + "]}"
    snapshot.add(file: "cluster.json", bytes: Array(list.utf8), at: now)
    return snapshot
  }

  static func resolver(_ extra: [String] = []) throws -> KubeEndpointResolver {
    try KubeEndpointResolver(snapshot: snapshot(extra), at: now)
  }

  /// One Hubble JSON line (an established TCP packet) at `time`.
  static func hubble(_ source: String, _ destination: String, port: Int, time: String) -> String {
    #"{"flow":{"time":"\#(time)","verdict":"FORWARDED","IP":{"source":"\#(source)","destination":"\#(destination)","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":41000,"destination_port":\#(port),"flags":{"ACK":true}}},"Type":"L3_L4","node_name":"node-1"},"node_name":"node-1","time":"\#(time)"}"#
  }
}
