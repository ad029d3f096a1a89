import AsyncHTTPClient
import VigilCore
import VigilPipeline

/// POSTs each alert in Falco's alert JSON (``FalcoAlertJSON``) as `application/json`, as Falco's
/// `http_output` does, so Falcosidekick (and every output it fans out to) takes it unchanged.
public struct FalcosidekickSender: AlertSender {
  private let poster: HTTPPoster
  private let hostname: String

  /// A sender posting to `url` (Falcosidekick's root, e.g. `http://falcosidekick:2801/`).
  public init(
    url: String, headers: [String: String] = [:], timeout: Duration, httpClient: HTTPClient,
    hostname: String = FalcoAlertJSON.hostname
  ) {
    poster = HTTPPoster(client: httpClient, url: url, headers: headers, timeout: timeout)
    self.hostname = hostname
  }

  /// Posts the alert.
  public func send(_ alert: Alert, deliveryID: Int64) async throws(SendError) {
    try await poster.post(Self.body(alert, hostname: hostname))
  }

  /// The request body: Falco's JSON for the alert, without the line's newline.
  public static func body(_ alert: Alert, hostname: String = FalcoAlertJSON.hostname) -> [UInt8] {
    var line = FalcoAlertJSON.line(alert, hostname: hostname)
    if line.hasSuffix("\n") { line.removeLast() }
    return Array(line.utf8)
  }
}
