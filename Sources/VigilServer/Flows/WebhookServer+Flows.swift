import Hummingbird
import VigilCore

extension WebhookServer {
  /// `POST /v1/ingest/flows` and `GET /api/v1/graph`.
  func mountFlowRoutes(
    on router: Router<WebhookRequestContext>, authenticator: RequestAuthenticator
  ) {
    let ingest = flows.map {
      FlowIngestHandler(
        intake: $0, authenticator: authenticator, maxBodyBytes: configuration.maxBodyBytes,
        maxInflatedBytes: configuration.maxBodyBytes * 8,
        metrics: FlowIngestMetrics(factory: metricsFactory))
    }
    router.post(RouterPath(Routes.flowIngest)) { request, context in
      guard let ingest else {
        return Response.jsonError(.notFound, "flow ingest is disabled")
      }
      return try await ingest.handle(request, context: context)
    }
    let graph = GraphAPI(map: networkMap, authenticator: authenticator)
    router.get(RouterPath(Routes.graph)) { request, context in
      await graph.handle(request, context: context)
    }
    let paths = ExposurePathsAPI(cluster: cluster, map: networkMap, authenticator: authenticator)
    router.get(RouterPath(Routes.exposurePaths)) { request, context in
      await paths.handle(request, context: context)
    }
  }
}
