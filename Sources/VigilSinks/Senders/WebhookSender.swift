import AsyncHTTPClient
import Crypto
import Foundation
import VigilCore
import VigilPipeline

/// POSTs each alert as Vigil's alert JSON (``AlertJSON``) to a generic HTTP endpoint, with
/// `X-Vigil-Delivery` (an idempotency key), `X-Vigil-Timestamp` and, when a secret is set,
/// `X-Vigil-Signature: sha256=<hex HMAC-SHA256(secret, body)>`.
public struct WebhookSender: AlertSender {
  private let poster: HTTPPoster
  private let secret: String?
  private let now: @Sendable () -> Timestamp

  /// A sender posting to `url` through `httpClient` (owned by the caller).
  public init(
    url: String, secret: String?, headers: [String: String] = [:], timeout: Duration,
    httpClient: HTTPClient, now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
  ) {
    poster = HTTPPoster(client: httpClient, url: url, headers: headers, timeout: timeout)
    self.secret = secret.flatMap { $0.isEmpty ? nil : $0 }
    self.now = now
  }

  /// Posts the alert.
  public func send(_ alert: Alert, deliveryID: Int64) async throws(SendError) {
    let body = Self.body(alert)
    let headers = Self.headers(
      body: body, deliveryID: deliveryID, timestamp: now(), secret: secret)
    try await poster.post(body, extra: headers)
  }

  /// The request body: the alert's JSON line without its newline.
  public static func body(_ alert: Alert) -> [UInt8] {
    var line = AlertJSON.line(alert)
    if line.hasSuffix("\n") { line.removeLast() }
    return Array(line.utf8)
  }

  /// The Vigil headers for one request (`X-Vigil-Delivery`, `X-Vigil-Timestamp` in Unix
  /// seconds, and `X-Vigil-Signature` when `secret` is set).
  public static func headers(
    body: [UInt8], deliveryID: Int64, timestamp: Timestamp, secret: String?
  ) -> [(String, String)] {
    var headers = [
      ("X-Vigil-Delivery", String(deliveryID)),
      ("X-Vigil-Timestamp", String(timestamp.nanoseconds / 1_000_000_000)),
    ]
    if let secret, !secret.isEmpty {
      headers.append(("X-Vigil-Signature", "sha256=" + signature(secret: secret, body: body)))
    }
    return headers
  }

  /// Lowercase hex HMAC-SHA256 of `body` keyed by `secret`'s UTF-8 bytes.
  public static func signature(secret: String, body: [UInt8]) -> String {
    let key = SymmetricKey(data: Array(secret.utf8))
    let code = HMAC<SHA256>.authenticationCode(for: body, using: key)
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for byte in code {
      hex.append(digits[Int(byte >> 4)])
      hex.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: hex, as: UTF8.self)
  }
}
