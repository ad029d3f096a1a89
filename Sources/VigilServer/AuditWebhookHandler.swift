import Foundation
import Hummingbird
import VigilPipeline

/// `POST /k8s-audit`: authenticates before touching the body, checks its type and size, and hands
/// it to the ``AuditIntake``, answering only once the intake has queued it durably.
struct AuditWebhookHandler: Sendable {
  /// Where accepted bodies go.
  let intake: any AuditIntake
  /// Token and client-certificate checks.
  let authenticator: RequestAuthenticator
  /// The largest accepted body.
  let maxBodyBytes: Int
  /// Rejection and event counters.
  let metrics: WebhookMetrics

  /// Answers one webhook request; throws only when the connection fails mid-body.
  func handle(_ request: Request, context: WebhookRequestContext) async throws -> Response {
    guard await authenticator.authenticate(request, channel: context.channel).isAuthenticated else {
      metrics.unauthenticated.increment()
      metrics.rejected(.unauthenticated).increment()
      return authenticator.challenge()
    }
    guard Self.isJSON(request.headers[.contentType]) else {
      metrics.rejected(.unsupportedMediaType).increment()
      return .jsonError(.unsupportedMediaType, "Content-Type must be application/json")
    }
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
      return tooLarge()
    }
    guard let body = try await Self.collect(request.body, upTo: maxBodyBytes) else {
      return tooLarge()
    }
    do {
      let receipt = try await intake.accept(body)
      metrics.eventsReceived.increment(by: receipt.events)
      return .json(.ok, #"{"accepted":\#(receipt.events)}"#)
    } catch {
      return answer(error)
    }
  }

  /// The 413 answer.
  private func tooLarge() -> Response {
    metrics.rejected(.tooLarge).increment()
    return .jsonError(.contentTooLarge, "body larger than \(maxBodyBytes) bytes")
  }

  /// The answer to an intake refusal.
  private func answer(_ rejection: IntakeRejection) -> Response {
    switch rejection.code {
    case .malformed:
      metrics.rejected(.malformed).increment()
      return .jsonError(.badRequest, rejection.reason)
    case .overloaded:
      metrics.rejected(.overloaded).increment()
      var response = Response.jsonError(.tooManyRequests, rejection.reason)
      response.headers[.retryAfter] = String(max(1, rejection.retryAfterSeconds))
      return response
    case .unavailable:
      metrics.rejected(.unavailable).increment()
      return .jsonError(.serviceUnavailable, rejection.reason)
    }
  }

  /// Whether a Content-Type is `application/json`, parameters (`; charset=utf-8`) allowed.
  static func isJSON(_ contentType: String?) -> Bool {
    guard let contentType else { return false }
    let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
    return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
  }

  /// The whole body, or nil as soon as it grows past `limit` (the rest is left to the server,
  /// which discards it).
  static func collect(_ body: RequestBody, upTo limit: Int) async throws -> [UInt8]? {
    var bytes: [UInt8] = []
    for try await buffer in body {
      guard bytes.count + buffer.readableBytes <= limit else { return nil }
      bytes.append(contentsOf: buffer.readableBytesView)
    }
    return bytes
  }
}
