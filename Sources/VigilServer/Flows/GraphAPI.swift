import Hummingbird
import VigilCore
import VigilNet

/// `GET /api/v1/graph?namespace=&since=&format=`: the network map from agents' flows, behind the
/// webhook's authentication. `since` is RFC 3339 or a duration back from now (`1h`); `format` is
/// `json` (default, `NetworkGraph` JSON version 1), `dot` (Graphviz) or `text`.
struct GraphAPI: Sendable {
  /// The live map; nil answers 404.
  let map: LiveNetworkMap?
  /// The webhook's authenticator.
  let authenticator: RequestAuthenticator

  func handle(_ request: Request, context: WebhookRequestContext) async -> Response {
    guard await authenticator.authenticate(request, channel: context.channel).isAuthenticated
    else { return authenticator.challenge() }
    guard let map else { return .jsonError(.notFound, "the network map is disabled") }
    let namespace = ClusterAPI.parameter(request, "namespace")
    var since: Timestamp?
    if let text = ClusterAPI.parameter(request, "since") {
      guard let time = Self.time(text) else {
        return .jsonError(.badRequest, "since must be an RFC 3339 time or a duration like 1h")
      }
      since = time
    }
    let graph = map.graph(namespace: namespace, since: since)
    switch ClusterAPI.parameter(request, "format") ?? "json" {
    case "json": return .json(.ok, graph.json())
    case "dot": return Self.text(graph.dot(), type: "text/vnd.graphviz; charset=utf-8")
    case "text": return Self.text(graph.text(), type: "text/plain; charset=utf-8")
    case let other: return .jsonError(.badRequest, "unknown format \(other): json, dot or text")
    }
  }

  /// An RFC 3339 time, or a duration back from now (`1h`).
  static func time(_ text: String) -> Timestamp? {
    if let time = Timestamp(rfc3339: text) { return time }
    return DurationText.parse(text).map { Timestamp.now().adding(.zero - $0) }
  }

  static func text(_ body: String, type: String) -> Response {
    var buffer = ByteBuffer()
    buffer.writeString(body)
    return Response(
      status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: buffer))
  }
}
