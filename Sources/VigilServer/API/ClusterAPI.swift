import Hummingbird
import VigilCore
import VigilJSON
import VigilKube

/// `GET /api/v1/exposure`, `/api/v1/rbac/who-can` and `/api/v1/identity`: the cluster inventory
/// as JSON, behind the webhook's authentication (token or client certificate). Without a
/// ``ClusterState`` (`kube.enabled: false`) every path answers 404 with a JSON error.
struct ClusterAPI: Sendable {
  /// The watched cluster; nil when the inventory is off.
  let cluster: ClusterState?
  /// The webhook's authenticator.
  let authenticator: RequestAuthenticator
  /// The time `identity` resolves at when the request names none.
  let now: @Sendable () -> Timestamp

  /// Mounts the routes on `router`.
  func mount(on router: Router<WebhookRequestContext>) {
    router.get(RouterPath(Routes.exposure)) { request, context in
      await guarded(request, context) { cluster in exposure(cluster) }
    }
    router.get(RouterPath(Routes.whoCan)) { request, context in
      await guarded(request, context) { cluster in whoCan(request, cluster) }
    }
    router.get(RouterPath(Routes.identity)) { request, context in
      await guarded(request, context) { cluster in identity(request, cluster) }
    }
    router.get(RouterPath(Routes.registries)) { request, context in
      await guarded(request, context) { cluster in registries(cluster) }
    }
  }

  /// Authenticates, then answers with `body` when the inventory is on.
  private func guarded(
    _ request: Request, _ context: WebhookRequestContext, _ body: (ClusterState) -> Response
  ) async -> Response {
    guard await authenticator.authenticate(request, channel: context.channel).isAuthenticated
    else {
      return authenticator.challenge()
    }
    guard let cluster else {
      return .jsonError(.notFound, "the cluster inventory is disabled (kube.enabled: false)")
    }
    return body(cluster)
  }

  /// `Exposure.json` of every entry point.
  func exposure(_ cluster: ClusterState) -> Response {
    .json(.ok, cluster.read { Exposure.json($0.exposure.list()) })
  }

  /// The registries the cluster's pods and workloads run images from.
  func registries(_ cluster: ClusterState) -> Response {
    let body = cluster.read { state -> String in
      let inventory = state.registries
      let rows = inventory.registries.sorted { $0.key < $1.key }.map { registry, sighting in
        let images = inventory.images.keys.filter { $0.registry == registry }
        let namespaces = sighting.namespaces.keys.sorted().map(JSONText.quoted)
        return "{\"registry\":\(JSONText.quoted(registry)),"
          + "\"class\":\(JSONText.quoted("\(inventory.classifier.classify(registry))")),"
          + "\"firstSeen\":\(JSONText.quoted(sighting.firstSeen.description)),"
          + "\"namespaces\":[\(namespaces.joined(separator: ","))],"
          + "\"images\":\(images.count),\"unpinned\":\(images.filter { !$0.isPinned }.count)}"
      }
      return "{\"count\":\(rows.count),\"registries\":[\(rows.joined(separator: ","))]}"
    }
    return .json(.ok, body)
  }

  /// One query parameter, nil when absent or empty.
  static func parameter(_ request: Request, _ name: String) -> String? {
    request.uri.queryParameters[Substring(name)].flatMap { $0.isEmpty ? nil : String($0) }
  }
}
