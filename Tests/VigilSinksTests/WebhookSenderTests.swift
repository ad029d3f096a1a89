import Crypto
import Testing
import VigilCore
import VigilHTTPTesting
import VigilPipeline

@testable import VigilSinks

@Suite struct WebhookSenderTests {
  let alert = SinkFixtures.alert()
  let sentAt = Timestamp(nanoseconds: 1_760_000_123_900_000_000)

  @Test func postsTheAlertJSONSignedWithTheSecret() async throws {
    let receiver = try await HTTPTestReceiver()
    let sentAt = self.sentAt
    try await withHTTPClient { client in
      let sender = WebhookSender(
        url: receiver.url, secret: "s3cret", headers: ["X-Team": "security"],
        timeout: .seconds(5), httpClient: client, now: { sentAt })
      try await sender.send(alert, deliveryID: 42)
    }
    try await receiver.stop()
    let request = try #require(receiver.requests.first)
    #expect(request.method == "POST")
    #expect(request.path == "/hook")
    #expect(request.header("Content-Type") == "application/json")
    #expect(request.header("X-Vigil-Delivery") == "42")
    #expect(request.header("X-Vigil-Timestamp") == "1760000123")
    #expect(request.header("X-Team") == "security")
    #expect(request.header("User-Agent")?.hasPrefix("vigil/") == true)
    #expect(try AlertJSON.decode(request.text) == alert)
    #expect(request.text + "\n" == AlertJSON.line(alert))

    let signature = try #require(request.header("X-Vigil-Signature"))
    #expect(signature.hasPrefix("sha256="))
    let mac = try #require(Self.bytes(hex: String(signature.dropFirst(7))))
    #expect(mac.count == 32)
    let right = SymmetricKey(data: Array("s3cret".utf8))
    let wrong = SymmetricKey(data: Array("s3creT".utf8))
    #expect(HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: request.body, using: right))
    #expect(
      !HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: request.body, using: wrong))
    var tampered = request.body
    tampered[tampered.count / 2] ^= 1
    #expect(!HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: tampered, using: right))
  }

  @Test func sendsNoSignatureWithoutASecret() async throws {
    let receiver = try await HTTPTestReceiver()
    try await withHTTPClient { client in
      let sender = WebhookSender(
        url: receiver.url, secret: nil, timeout: .seconds(5), httpClient: client)
      try await sender.send(alert, deliveryID: 7)
    }
    try await receiver.stop()
    let request = try #require(receiver.requests.first)
    #expect(request.header("X-Vigil-Signature") == nil)
    #expect(request.header("X-Vigil-Delivery") == "7")
  }

  @Test func signatureIsLowercaseHexOfTheHMAC() {
    // RFC 4231 test case 2.
    let body = Array("what do ya want for nothing?".utf8)
    #expect(
      WebhookSender.signature(secret: "Jefe", body: body)
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  @Test(arguments: [
    (400, false), (401, false), (404, false), (408, true), (429, true), (500, true), (503, true),
  ])
  func classifiesStatuses(status: Int, retryable: Bool) async throws {
    let receiver = try await HTTPTestReceiver(statuses: [status])
    let error = try await withHTTPClient { client in
      let sender = WebhookSender(
        url: receiver.url, secret: nil, timeout: .seconds(5), httpClient: client)
      return await Self.sendError { () async throws(SendError) in
        try await sender.send(alert, deliveryID: 1)
      }
    }
    try await receiver.stop()
    let failure = try #require(error)
    #expect(failure.code == .httpStatus)
    #expect(failure.status == status)
    #expect(failure.isRetryable == retryable)
    #expect(failure.reason.contains("status \(status)"))
  }

  @Test func refusedConnectionIsRetryable() async throws {
    let url = try await refusedURL()
    let error = try await withHTTPClient { client in
      let sender = WebhookSender(
        url: url, secret: nil, timeout: .milliseconds(500), httpClient: client)
      return await Self.sendError { () async throws(SendError) in
        try await sender.send(alert, deliveryID: 1)
      }
    }
    let failure = try #require(error)
    #expect(failure.code == .connectionFailed || failure.code == .timeout)
    #expect(failure.isRetryable)
  }

  /// The error `body` throws, or nil.
  static func sendError(_ body: () async throws(SendError) -> Void) async -> SendError? {
    do throws(SendError) {
      try await body()
      return nil
    } catch {
      return error
    }
  }

  /// Bytes from lowercase hex, or nil when it is not hex.
  static func bytes(hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    for index in stride(from: 0, to: digits.count, by: 2) {
      guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16)
      else { return nil }
      out.append(byte)
    }
    return out
  }
}
