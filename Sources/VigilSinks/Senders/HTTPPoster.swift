import AsyncHTTPClient
import NIOCore

/// POSTs one JSON body to a URL through a shared `HTTPClient` and turns every outcome into
/// success or a ``SendError``: the common part of the webhook, Slack and Falcosidekick senders.
struct HTTPPoster: Sendable {
  /// The `User-Agent` Vigil sends.
  static let userAgent = "vigil/\(SinkFactory.version)"
  /// How much of an error response's body goes into the error's reason.
  static let reasonLimit = 512

  /// The client, owned (and shut down) by the caller.
  let client: HTTPClient
  /// The URL posted to.
  let url: String
  /// Headers sent with every request (the configured extras).
  let headers: [String: String]
  /// The whole request's time limit.
  let timeout: Duration

  /// POSTs `body` as `application/json` with the fixed and the configured headers, then
  /// `extra`; succeeds on a 2xx answer.
  func post(_ body: [UInt8], extra: [(String, String)] = []) async throws(SendError) {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.headers.add(name: "User-Agent", value: Self.userAgent)
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
      request.headers.replaceOrAdd(name: name, value: value)
    }
    for (name, value) in extra { request.headers.replaceOrAdd(name: name, value: value) }
    request.body = .bytes(ByteBuffer(bytes: body))

    let response: HTTPClientResponse
    do {
      response = try await client.execute(request, timeout: Self.timeAmount(timeout))
    } catch {
      throw Self.sendError(for: error)
    }
    let status = Int(response.status.code)
    if (200...299).contains(status) {
      // Drain the body so the connection goes back to the pool; the answer itself is unused.
      do { for try await _ in response.body {} } catch {}
      return
    }
    var excerpt: [UInt8] = []
    do {
      for try await chunk in response.body where excerpt.count < Self.reasonLimit {
        excerpt += chunk.readableBytesView.prefix(Self.reasonLimit - excerpt.count)
      }
    } catch {}
    var reason = response.status.reasonPhrase
    let text = String(decoding: excerpt, as: UTF8.self).trimmingWhitespace()
    if !text.isEmpty { reason += ": " + text }
    throw SendError.http(status: status, reason: reason)
  }

  /// A ``SendError`` for a failure before any answer: bad URLs are permanent, the rest
  /// (refused, reset, DNS, timeouts) retryable.
  static func sendError(for error: any Error) -> SendError {
    if let error = error as? HTTPClientError {
      switch error {
      case .invalidURL, .emptyHost, .emptyScheme:
        return SendError(.invalidURL, reason: "\(error)")
      case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded,
        .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
        return SendError(.timeout, reason: "\(error)")
      default:
        break
      }
    }
    return SendError(.connectionFailed, reason: "\(error)")
  }

  /// A `Duration` as NIO's `TimeAmount`.
  static func timeAmount(_ duration: Duration) -> TimeAmount {
    let (seconds, attoseconds) = duration.components
    return .nanoseconds(seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000)
  }
}

extension String {
  /// The text without leading and trailing spaces and newlines.
  fileprivate func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}
