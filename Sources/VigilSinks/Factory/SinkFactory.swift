import AsyncHTTPClient
import Logging
import VigilPipeline

/// Builds the ``AlertSender`` a ``SinkConfiguration`` describes, after checking it.
public enum SinkFactory {
  /// The version in Vigil's `User-Agent`.
  public static let version = "0.1"

  /// The sender for `configuration`; HTTP kinds share `httpClient` (owned by the caller).
  public static func make(
    _ configuration: SinkConfiguration, httpClient: HTTPClient, logger: Logger
  ) throws(SinkConfigurationError) -> any AlertSender {
    try validate(configuration)
    let c = configuration
    let sender: any AlertSender
    switch c.kind {
    case .stdout:
      sender = StandardOutputSender()
    case .file:
      do throws(SendError) {
        sender = try RotatingFileSender(
          path: c.path ?? "", maxBytes: c.maxBytes, maxFiles: c.maxFiles)
      } catch {
        throw SinkConfigurationError(.fileNotWritable, sink: c.name, message: error.reason)
      }
    case .webhook:
      sender = WebhookSender(
        url: c.url ?? "", secret: c.secret, headers: c.headers, timeout: c.timeout,
        httpClient: httpClient)
    case .slack:
      sender = SlackSender(
        url: c.url ?? "", linkTemplate: c.linkTemplate, headers: c.headers, timeout: c.timeout,
        httpClient: httpClient)
    case .falcosidekick:
      sender = FalcosidekickSender(
        url: c.url ?? "", headers: c.headers, timeout: c.timeout, httpClient: httpClient)
    }
    logger.debug(
      "sink ready", metadata: ["sink.name": "\(c.name)", "sink.kind": "\(c.kind.rawValue)"])
    return sender
  }

  /// Checks `configuration` without building anything (for `vigil serve --check`).
  public static func validate(_ configuration: SinkConfiguration) throws(SinkConfigurationError) {
    let c = configuration
    let name = c.name
    guard !name.isEmpty else {
      throw SinkConfigurationError(.missingName, sink: name, message: "every sink needs a name")
    }
    guard c.maxAttempts >= 1 else {
      throw SinkConfigurationError(
        .invalidValue, sink: name, message: "maxAttempts is \(c.maxAttempts); it must be ≥ 1")
    }
    guard c.initialBackoff >= .zero, c.maxBackoff >= c.initialBackoff else {
      throw SinkConfigurationError(
        .invalidValue, sink: name,
        message: "backoff \(c.initialBackoff)…\(c.maxBackoff): need 0 ≤ initial ≤ max")
    }
    guard c.timeout > .zero else {
      throw SinkConfigurationError(
        .invalidValue, sink: name, message: "timeout \(c.timeout) must be positive")
    }
    switch c.kind {
    case .stdout:
      return
    case .file:
      guard let path = c.path, !path.isEmpty else {
        throw SinkConfigurationError(.missingPath, sink: name, message: "a file sink needs a path")
      }
      guard c.maxBytes > 0, c.maxFiles >= 0 else {
        throw SinkConfigurationError(
          .invalidValue, sink: name,
          message: "maxBytes \(c.maxBytes) must be positive, maxFiles \(c.maxFiles) ≥ 0")
      }
    case .webhook, .slack, .falcosidekick:
      guard let url = c.url, !url.isEmpty else {
        throw SinkConfigurationError(
          .missingURL, sink: name, message: "a \(c.kind.rawValue) sink needs a url")
      }
      guard isHTTPURL(url) else {
        throw SinkConfigurationError(
          .invalidURL, sink: name, message: "\(url): expected http(s)://host[:port]/path")
      }
    }
  }

  /// True for `http://host…` and `https://host…` with a non-empty host and no spaces.
  static func isHTTPURL(_ url: String) -> Bool {
    let lower = url.lowercased()
    let rest: Substring
    if lower.hasPrefix("http://") {
      rest = lower.dropFirst(7)
    } else if lower.hasPrefix("https://") {
      rest = lower.dropFirst(8)
    } else {
      return false
    }
    guard !rest.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" }) else { return false }
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    let hostPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
    var host = hostPort
    var port: Substring?
    if hostPort.hasPrefix("[") {
      guard let close = hostPort.firstIndex(of: "]") else { return false }
      host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
      let after = hostPort[hostPort.index(after: close)...]
      if !after.isEmpty {
        guard after.hasPrefix(":") else { return false }
        port = after.dropFirst()
      }
    } else if let colon = hostPort.firstIndex(of: ":") {
      host = hostPort[..<colon]
      port = hostPort[hostPort.index(after: colon)...]
    }
    guard !host.isEmpty else { return false }
    if let port {
      guard let number = Int(port), (1...65535).contains(number) else { return false }
    }
    return true
  }
}
