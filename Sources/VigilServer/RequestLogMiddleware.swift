import Hummingbird
import Logging

/// Logs one debug line per request, and a warning for each 401 and 5xx answer (except a
/// not-ready `/readyz`, which probes hit routinely during startup).
/// Logs through the request's logger (the server's, with `hb.request.id`).
struct RequestLogMiddleware: RouterMiddleware {
  /// Passes the request on and logs its outcome.
  func handle(
    _ request: Request, context: WebhookRequestContext,
    next: (Request, WebhookRequestContext) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    let status: HTTPResponse.Status
    let response: Response
    do {
      response = try await next(request, context)
      status = response.status
    } catch {
      status = (error as? any HTTPResponseError)?.status ?? .internalServerError
      log(request, context: context, status: status, since: start, error: error)
      throw error
    }
    log(request, context: context, status: status, since: start, error: nil)
    return response
  }

  /// Writes the line for one answered request.
  private func log(
    _ request: Request, context: WebhookRequestContext, status: HTTPResponse.Status,
    since start: ContinuousClock.Instant, error: (any Error)?
  ) {
    let path = request.uri.path
    var metadata: Logger.Metadata = [
      "http.method": "\(request.method.rawValue)",
      "http.path": "\(path)",
      "http.status": "\(status.code)",
      "client.address": "\(context.clientAddress)",
      "http.duration_ms": "\((ContinuousClock.now - start).milliseconds)",
    ]
    if let error { metadata["error"] = "\(error)" }
    let isWarning =
      status == .unauthorized
      || (status.code >= 500 && !(path == Routes.readiness && status == .serviceUnavailable))
    context.logger.log(
      level: isWarning ? .warning : .debug, "\(request.method.rawValue) \(path) \(status.code)",
      metadata: metadata)
  }
}
