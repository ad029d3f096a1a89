import AsyncHTTPClient
import VigilCore

/// POSTs each alert to a Slack incoming webhook as a readable message (``SlackMessage``).
public struct SlackSender: AlertSender {
  private let poster: HTTPPoster
  private let linkTemplate: String?

  /// A sender posting to the incoming-webhook `url`; `linkTemplate` adds a link to each alert.
  public init(
    url: String, linkTemplate: String? = nil, headers: [String: String] = [:],
    timeout: Duration, httpClient: HTTPClient
  ) {
    poster = HTTPPoster(client: httpClient, url: url, headers: headers, timeout: timeout)
    self.linkTemplate = linkTemplate
  }

  /// Posts the alert's message.
  public func send(_ alert: Alert, deliveryID: Int64) async throws(SendError) {
    try await poster.post(SlackMessage.payload(alert, linkTemplate: linkTemplate))
  }
}
