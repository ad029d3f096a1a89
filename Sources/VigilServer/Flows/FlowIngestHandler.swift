import HTTPTypes
import Hummingbird
import Metrics
import VigilCore
import VigilJSON
import VigilNet
import VigilPipeline

/// `POST /v1/ingest/flows`: node agents' flow batches (Vigil flow JSON lines, gzip or plain),
/// behind the webhook's authentication (token or client certificate). Bad lines are reported
/// with their line numbers and skipped; the rest of the batch is stored. Answers only after the
/// batch is durable; a batch sent again (same `Vigil-Agent-ID` and `Vigil-Batch`) is
/// acknowledged without being stored twice.
struct FlowIngestHandler: Sendable {
  /// Stores and observes what is accepted.
  let intake: FlowIntake
  /// Token and client-certificate checks.
  let authenticator: RequestAuthenticator
  /// The largest accepted body (compressed).
  let maxBodyBytes: Int
  /// The largest body after decompression.
  let maxInflatedBytes: Int
  /// Counters.
  let metrics: FlowIngestMetrics

  /// The most line errors returned in one answer.
  static let reportedErrors = 10

  /// Answers one request; throws only when the connection fails mid-body.
  func handle(_ request: Request, context: WebhookRequestContext) async throws -> Response {
    guard await authenticator.authenticate(request, channel: context.channel).isAuthenticated else {
      metrics.batches(.unauthenticated).increment()
      return authenticator.challenge()
    }
    if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
      return tooLarge(maxBodyBytes)
    }
    guard var body = try await AuditWebhookHandler.collect(request.body, upTo: maxBodyBytes) else {
      return tooLarge(maxBodyBytes)
    }
    let encoding = request.headers[.contentEncoding]?.lowercased()
    if encoding == "gzip" || Gzip.isCompressed(body) {
      do {
        body = try Gzip.decompress(body, limit: maxInflatedBytes)
      } catch {
        if case .tooLarge = error.code { return tooLarge(maxInflatedBytes) }
        metrics.batches(.malformed).increment()
        return .jsonError(.badRequest, "\(error)")
      }
    } else if let encoding, encoding != "identity" {
      metrics.batches(.malformed).increment()
      return .jsonError(.unsupportedMediaType, "unsupported Content-Encoding \(encoding)")
    }
    let identity = Self.identity(request)
    let decoded = VigilFlowDecoder.decode(
      String(decoding: body, as: UTF8.self), file: identity.map { "agent \($0.node)" } ?? "body")
    metrics.linesRejected.increment(by: decoded.diagnostics.count)
    let stored: Bool
    do {
      stored = try intake.accept(decoded.records, identity: identity, at: .now())
    } catch {
      metrics.batches(.unavailable).increment()
      return .jsonError(.serviceUnavailable, "cannot store flows: \(error)")
    }
    metrics.batches(stored ? .accepted : .duplicate).increment()
    if stored { metrics.flowsReceived.increment(by: decoded.records.count) }
    let errors = decoded.diagnostics.prefix(Self.reportedErrors).map {
      JSONText.quoted($0.description)
    }
    return .json(
      .ok,
      "{\"accepted\":\(stored ? decoded.records.count : 0),\"duplicate\":\(!stored),"
        + "\"rejected\":\(decoded.diagnostics.count),\"errors\":[\(errors.joined(separator: ","))]}"
    )
  }

  /// The batch identity from the headers, when the agent sent one.
  static func identity(_ request: Request) -> FlowIntake.BatchIdentity? {
    guard let agentName = HTTPField.Name("Vigil-Agent-ID"),
      let batchName = HTTPField.Name("Vigil-Batch"), let nodeName = HTTPField.Name("Vigil-Node"),
      let agent = request.headers[agentName], !agent.isEmpty,
      let sequence = request.headers[batchName].flatMap({ Int64($0) })
    else { return nil }
    return .init(agent: agent, sequence: sequence, node: request.headers[nodeName] ?? "")
  }

  private func tooLarge(_ limit: Int) -> Response {
    metrics.batches(.tooLarge).increment()
    return .jsonError(.contentTooLarge, "flow batch larger than \(limit) bytes")
  }
}

/// The flow ingest counters.
struct FlowIngestMetrics: Sendable {
  /// What became of a batch.
  enum Result: Int, CaseIterable {
    case accepted, duplicate, malformed, unauthenticated, unavailable, tooLarge

    var label: String {
      switch self {
      case .accepted: "accepted"
      case .duplicate: "duplicate"
      case .malformed: "malformed"
      case .unauthenticated: "unauthenticated"
      case .unavailable: "unavailable"
      case .tooLarge: "too-large"
      }
    }
  }

  /// Flow records stored.
  let flowsReceived: Counter
  /// Lines that were not flow records.
  let linesRejected: Counter
  /// One counter per result, indexed by the result's raw value.
  private let results: [Counter]

  init(factory: any MetricsFactory) {
    flowsReceived = Counter(label: MetricName.flowsReceived, factory: factory)
    linesRejected = Counter(label: MetricName.flowLinesRejected, factory: factory)
    results = Result.allCases.map {
      Counter(label: MetricName.flowBatches, dimensions: [("result", $0.label)], factory: factory)
    }
  }

  func batches(_ result: Result) -> Counter { results[result.rawValue] }
}
