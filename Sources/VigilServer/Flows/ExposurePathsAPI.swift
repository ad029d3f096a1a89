import Hummingbird
import VigilCore
import VigilDetect
import VigilKube

/// `GET /api/v1/exposure/paths?since=&format=`: from every public entry point of the live
/// cluster, the sensitive services reachable over the observed network map (≤ 3 hops), each hop
/// with its evidence; JSON (default) or text. Needs the cluster inventory and the map.
struct ExposurePathsAPI: Sendable {
  let cluster: ClusterState?
  let map: LiveNetworkMap?
  let authenticator: RequestAuthenticator

  func handle(_ request: Request, context: WebhookRequestContext) async -> Response {
    guard await authenticator.authenticate(request, channel: context.channel).isAuthenticated
    else { return authenticator.challenge() }
    guard let cluster, let map else {
      return .jsonError(.notFound, "exposure paths need the cluster inventory and the flow map")
    }
    var since: Timestamp?
    if let text = ClusterAPI.parameter(request, "since") {
      guard let time = GraphAPI.time(text) else {
        return .jsonError(.badRequest, "since must be an RFC 3339 time or a duration like 1h")
      }
      since = time
    }
    let paths = Self.paths(cluster: cluster, map: map, since: since)
    switch ClusterAPI.parameter(request, "format") ?? "json" {
    case "json": return .json(.ok, paths.json)
    case "text": return GraphAPI.text(paths.text, type: "text/plain; charset=utf-8")
    case let other: return .jsonError(.badRequest, "unknown format \(other): json or text")
    }
  }

  /// The paths over the live state and map.
  static func paths(cluster: ClusterState, map: LiveNetworkMap, since: Timestamp?)
    -> ExposurePaths
  {
    let (exposures, inventory, policies) = cluster.read {
      ($0.exposure.list(), $0.inventory, $0.networkPolicyModel())
    }
    return ExposurePaths(
      exposures: exposures, graph: map.graph(since: since),
      workloads: ExposurePathWorkloads(inventory: inventory), policies: policies)
  }
}
