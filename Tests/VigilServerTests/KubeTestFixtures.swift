import Foundation
import Logging
import VigilHTTPTesting
import VigilKubeClient

@testable import VigilServer

/// A small cluster as the API server returns it (compact JSON): the Deployment `shop/checkout`,
/// its ReplicaSet and pod, a Service in front of it, and a ClusterRole with its binding.
enum KubeTestFixtures {
  static let podIP = "10.244.1.5"
  static let loadBalancerIP = "203.0.113.20"

  static let deployment = """
    {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"checkout","namespace":"shop",\
    "uid":"6a1d2c3b-0000-4000-8000-000000000001","resourceVersion":"11",\
    "creationTimestamp":"2026-11-28T21:00:00Z","labels":{"app":"checkout"}},\
    "spec":{"replicas":1,"selector":{"matchLabels":{"app":"checkout"}},"template":{"metadata":\
    {"labels":{"app":"checkout"}},"spec":{"containers":[{"name":"app",\
    "image":"registry.example.com/shop/checkout:1.4.2"}]}}},"status":{"replicas":1}}
    """

  static let replicaSet = """
    {"kind":"ReplicaSet","apiVersion":"apps/v1","metadata":{"name":"checkout-7d9c5b6f4",\
    "namespace":"shop","uid":"5f1c2a8e-3b1d-4c55-9f0e-2d6a7b8c9d01","resourceVersion":"12",\
    "creationTimestamp":"2026-11-28T21:00:01Z",\
    "labels":{"app":"checkout","pod-template-hash":"7d9c5b6f4"},"ownerReferences":[{"apiVersion":\
    "apps/v1","kind":"Deployment","name":"checkout","uid":"6a1d2c3b-0000-4000-8000-000000000001",\
    "controller":true,"blockOwnerDeletion":true}]},"spec":{"replicas":1,"selector":{"matchLabels":\
    {"app":"checkout","pod-template-hash":"7d9c5b6f4"}}},"status":{"replicas":1}}
    """

  static let pod = """
    {"kind":"Pod","apiVersion":"v1","metadata":{"name":"checkout-7d9c5b6f4-x2x9p",\
    "generateName":"checkout-7d9c5b6f4-","namespace":"shop",\
    "uid":"0c9e8d7f-1111-4222-8333-444455556666","resourceVersion":"13",\
    "creationTimestamp":"2026-11-29T08:14:03Z","labels":{"app":"checkout",\
    "pod-template-hash":"7d9c5b6f4"},"ownerReferences":[{"apiVersion":"apps/v1",\
    "kind":"ReplicaSet","name":"checkout-7d9c5b6f4","uid":"5f1c2a8e-3b1d-4c55-9f0e-2d6a7b8c9d01",\
    "controller":true,"blockOwnerDeletion":true}]},"spec":{"containers":[{"name":"app",\
    "image":"registry.example.com/shop/checkout:1.4.2","ports":[{"containerPort":8080,\
    "protocol":"TCP"}]}],"serviceAccountName":"checkout","nodeName":"worker-2"},\
    "status":{"phase":"Running","hostIP":"10.0.0.12","podIP":"\(podIP)",\
    "podIPs":[{"ip":"\(podIP)"}],"startTime":"2026-11-29T08:14:03Z"}}
    """

  /// The Service in front of the pod: a LoadBalancer, or a NodePort.
  static func service(loadBalancer: Bool, resourceVersion: String) -> String {
    let status =
      loadBalancer
      ? "{\"loadBalancer\":{\"ingress\":[{\"ip\":\"\(loadBalancerIP)\"}]}}"
      : "{\"loadBalancer\":{}}"
    return """
      {"kind":"Service","apiVersion":"v1","metadata":{"name":"checkout","namespace":"shop",\
      "uid":"0b7f3e2a-9c1d-4e8f-a6b5-c4d3e2f1a0b9","resourceVersion":"\(resourceVersion)",\
      "creationTimestamp":"2026-11-28T21:00:00Z"},"spec":{"type":\
      "\(loadBalancer ? "LoadBalancer" : "NodePort")","selector":{"app":"checkout"},\
      "ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080,"nodePort":31080}],\
      "clusterIP":"10.96.12.34","clusterIPs":["10.96.12.34"]},"status":\(status)}
      """
  }

  static let clusterRole = """
    {"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":\
    {"name":"secret-reader","uid":"aa000000-0000-4000-8000-000000000001","resourceVersion":"20"},\
    "rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list"]}]}
    """

  static let clusterRoleBinding = """
    {"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":\
    {"name":"ci-reads-secrets","uid":"aa000000-0000-4000-8000-000000000002",\
    "resourceVersion":"21"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io",\
    "kind":"ClusterRole","name":"secret-reader"},"subjects":[{"kind":"ServiceAccount",\
    "name":"deployer","namespace":"ci"}]}
    """

  /// `{"type":…,"object":…}` and a newline: one watch line.
  static func event(_ type: String, _ object: String) -> String {
    "{\"type\":\"\(type)\",\"object\":\(object)}\n"
  }

  /// Serves the cluster on `server`: every non-optional inventory resource gets a list (empty
  /// but for the fixtures); the Gateway API stays unserved (404: not installed).
  static func serve(on server: FakeAPIServer) {
    let items: [String: [String]] = [
      "Deployment": [deployment], "ReplicaSet": [replicaSet], "Pod": [pod],
      "Service": [service(loadBalancer: true, resourceVersion: "14")],
      "ClusterRole": [clusterRole], "ClusterRoleBinding": [clusterRoleBinding],
    ]
    for resource in KubeResource.inventory where !resource.optional {
      server.setList(
        resource.path(), kind: "\(resource.kind)List", resourceVersion: "100",
        items: items[resource.kind] ?? [])
    }
  }

  /// A logger that drops everything.
  static let logger = Logger(label: "vigil.kube.tests") { _ in SwiftLogNoOpLogHandler() }

  /// A watch service for `server` (token auth, trusting the test CA), fast retries.
  static func watchService(
    _ server: FakeAPIServer, token: String, state: ClusterState, metrics: PrometheusMetrics
  ) throws -> ClusterWatchService {
    let certificates = try TestCertificates.shared.get()
    let configuration = KubeConfiguration(
      server: server.url, certificateAuthority: .file(certificates.caCertificate),
      token: .inline(token))
    let clients = try (0..<ClusterWatchService.clientCount()).map { _ in
      try KubeClient(configuration, logger: logger)
    }
    return ClusterWatchService(
      state: state, clients: clients,
      watcherConfiguration: .init(
        initialBackoff: .milliseconds(20), maximumBackoff: .milliseconds(200),
        minimumWatchDuration: .zero),
      metrics: metrics.factory, logger: logger)
  }

  /// Waits (at most `seconds`) until `condition` holds.
  static func eventually(
    timeout seconds: Double = 10, _ condition: () async throws -> Bool
  ) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
      if try await condition() { return true }
      try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
  }
}
