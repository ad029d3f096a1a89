import Foundation
import Logging
import Metrics
import VigilKubeClient
import VigilPipeline

extension ClusterWatchService {
  /// The API server connection `kube.*` describes: the pod's service account with
  /// `kube.inCluster`, else `kube.kubeconfig` (default `$KUBECONFIG`, then `~/.kube/config`) at
  /// `kube.context`.
  public static func kubeConfiguration(
    _ kube: ServeConfiguration.Kube,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(KubeClientError) -> KubeConfiguration {
    if kube.inCluster { return try .inCluster(environment: environment) }
    let path = kube.kubeconfig ?? KubeConfiguration.defaultKubeconfigPath(environment: environment)
    return try .fromKubeconfig(path: path, context: kube.context)
  }

  /// The service for `kube.*`, with its own clients.
  public static func make(
    _ kube: ServeConfiguration.Kube, state: ClusterState, metrics: any MetricsFactory,
    logger: Logger
  ) async throws(KubeClientError) -> ClusterWatchService {
    let configuration = try kubeConfiguration(kube)
    var clients: [KubeClient] = []
    for _ in 0..<clientCount() {
      do {
        clients.append(try KubeClient(configuration, logger: logger))
      } catch {
        // Same configuration: a later client fails only for a file that changed meanwhile.
        for client in clients { try? await client.shutdown() }
        throw error
      }
    }
    return ClusterWatchService(state: state, clients: clients, metrics: metrics, logger: logger)
  }
}
