import Hummingbird

/// Counts webhook requests by status code and times them; recorded before the answer is written,
/// so a client that got its answer sees the counters already updated.
struct WebhookMetricsMiddleware: RouterMiddleware {
  /// Where the counts go.
  let metrics: WebhookMetrics

  /// Passes the request on and records its code and duration.
  func handle(
    _ request: Request, context: WebhookRequestContext,
    next: (Request, WebhookRequestContext) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    do {
      let response = try await next(request, context)
      record(response.status, since: start)
      return response
    } catch {
      record((error as? any HTTPResponseError)?.status ?? .internalServerError, since: start)
      throw error
    }
  }

  /// Records one answered request.
  private func record(_ status: HTTPResponse.Status, since start: ContinuousClock.Instant) {
    metrics.requests(code: status.code).increment()
    metrics.requestDuration.recordNanoseconds((ContinuousClock.now - start).nanoseconds)
  }
}
