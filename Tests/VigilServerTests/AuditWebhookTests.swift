import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import VigilPipeline
import VigilServer
import VigilTesting

/// `POST /k8s-audit` over plain HTTP: token auth, media type, size limits, intake answers.
@Suite struct AuditWebhookTests {
  let body = Array(#"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[]}"#.utf8)
  let token = "s3cret-token"

  @Test func missingAndWrongTokensAreRefusedBeforeTheBodyIsRead() async throws {
    try await TestServer.run(.init(bearerTokens: [token, "other-token"])) { server throws in
      let none = try await server.post(body, token: nil)
      let wrong = try await server.post(body, token: "s3cret-tokem")
      let prefix = try await server.post(body, token: "s3cret")
      for answer in [none, wrong, prefix] {
        #expect(answer.status == 401)
        #expect(answer.headers["WWW-Authenticate"] == ["Bearer"])
      }
      #expect(await server.intake.bodies.isEmpty)
      #expect(server.metric("vigil_webhook_unauthenticated_total") == 3)
      #expect(server.metric("vigil_events_rejected_total", ["reason": "unauthenticated"]) == 3)
      #expect(server.metric("vigil_webhook_requests_total", ["code": "401"]) == 3)
      let warnings = server.logs.all.filter { $0.level == .warning }
      #expect(warnings.count == 3)
      #expect(warnings.first?.metadata["http.status"] == "401")
      #expect(warnings.first?.metadata["http.path"] == "/k8s-audit")
      #expect(warnings.first?.metadata["client.address"] == "127.0.0.1")
    }
  }

  @Test func theRightTokenPassesTheBodyThroughByteForByte() async throws {
    let intake = FakeIntake(accepting: 3)
    try await TestServer.run(.init(bearerTokens: [token, "other-token"]), intake: intake) {
      server throws in
      let answer = try await server.post(body, token: token)
      #expect(answer.status == 200)
      #expect(answer.text == #"{"accepted":3}"#)
      #expect(await intake.bodies == [body])
      let other = try await server.send(
        body: body,
        headers: [("Content-Type", "application/json"), ("Authorization", "bearer other-token")])
      #expect(other.status == 200)
      #expect(server.metric("vigil_events_received_total", ["source": "webhook"]) == 6)
      #expect(server.metric("vigil_webhook_requests_total", ["code": "200"]) == 2)
      #expect(server.metric("vigil_webhook_unauthenticated_total") == 0)
      #expect(
        server.logs.all.contains { $0.level == .debug && $0.metadata["http.status"] == "200" })
    }
  }

  @Test func anOpenServerAcceptsWithoutCredentials() async throws {
    try await TestServer.run { server throws in
      #expect(try await server.post(body, token: nil).status == 200)
      #expect(await server.intake.bodies == [body])
    }
  }

  @Test(arguments: ["text/plain", "application/jsonx", "application/x-www-form-urlencoded"])
  func otherMediaTypesAre415(contentType: String) async throws {
    try await TestServer.run(.init(bearerTokens: [token])) { server throws in
      let answer = try await server.post(body, token: token, contentType: contentType)
      #expect(answer.status == 415)
      #expect(await server.intake.bodies.isEmpty)
      #expect(
        server.metric("vigil_events_rejected_total", ["reason": "unsupported_media_type"]) == 1)
    }
  }

  @Test func jsonWithParametersIsAccepted() async throws {
    try await TestServer.run { server throws in
      let answer = try await server.post(
        body, token: nil, contentType: "Application/JSON ; charset=utf-8")
      #expect(answer.status == 200)
    }
  }

  @Test func aMissingContentTypeIs415() async throws {
    try await TestServer.run { server throws in
      let answer = try await server.send(body: body, headers: [])
      #expect(answer.status == 415)
      #expect(await server.intake.bodies.isEmpty)
    }
  }

  @Test func aDeclaredLengthOverTheLimitIs413() async throws {
    try await TestServer.run(.init(maxBodyBytes: 1024)) { server throws in
      let big = Array(repeating: UInt8(ascii: " "), count: 2048)
      let answer = try await server.post(big, token: nil)
      #expect(answer.status == 413)
      #expect(await server.intake.bodies.isEmpty)
      #expect(server.metric("vigil_events_rejected_total", ["reason": "too_large"]) == 1)
      let exact = Array(repeating: UInt8(ascii: " "), count: 1024)
      #expect(try await server.post(exact, token: nil).status == 200)
      #expect(await server.intake.bodies == [exact])
    }
  }

  @Test func aChunkedBodyGrowingOverTheLimitIs413() async throws {
    try await TestServer.run(.init(maxBodyBytes: 1024)) { server throws in
      var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/k8s-audit")
      request.method = .POST
      request.headers.add(name: "Content-Type", value: "application/json")
      let (chunks, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
      for _ in 0..<8 { continuation.yield(ByteBuffer(repeating: UInt8(ascii: " "), count: 256)) }
      continuation.finish()
      request.body = .stream(chunks, length: .unknown)
      let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
      #expect(response.status.code == 413)
      #expect(server.metric("vigil_events_rejected_total", ["reason": "too_large"]) == 1)
      #expect(await server.intake.bodies.isEmpty)
    }
  }

  @Test(arguments: [HTTPMethod.GET, .PUT, .DELETE])
  func otherMethodsAre405WithAllow(method: HTTPMethod) async throws {
    try await TestServer.run(.init(bearerTokens: [token])) { server throws in
      let answer = try await server.send(method, body: method == .GET ? nil : body)
      #expect(answer.status == 405)
      #expect(answer.headers["Allow"] == ["POST"])
      #expect(await server.intake.bodies.isEmpty)
      #expect(server.metric("vigil_webhook_requests_total", ["code": "405"]) == 1)
    }
  }

  @Test func malformedBodiesAre400WithTheReason() async throws {
    let reason = #"not JSON: unexpected character "x" at byte 17"#
    let intake = FakeIntake(rejecting: IntakeRejection(.malformed, reason))
    try await TestServer.run(intake: intake) { server throws in
      let answer = try await server.post(body, token: nil)
      #expect(answer.status == 400)
      let decoded = try JSONDecoder().decode([String: String].self, from: Data(answer.body))
      #expect(decoded == ["error": reason])
      #expect(await intake.bodies == [body])
      #expect(server.metric("vigil_events_rejected_total", ["reason": "malformed"]) == 1)
      #expect(server.metric("vigil_events_received_total", ["source": "webhook"]) ?? 0 == 0)
    }
  }

  @Test func anOverloadedIntakeIs429WithRetryAfter() async throws {
    let intake = FakeIntake(
      rejecting: IntakeRejection(.overloaded, "queue full", retryAfterSeconds: 7))
    try await TestServer.run(intake: intake) { server throws in
      let answer = try await server.post(body, token: nil)
      #expect(answer.status == 429)
      #expect(answer.headers["Retry-After"] == ["7"])
      #expect(await intake.bodies == [body])
      #expect(server.metric("vigil_events_rejected_total", ["reason": "overloaded"]) == 1)
    }
  }

  @Test func anUnavailableIntakeIs503() async throws {
    let intake = FakeIntake(rejecting: IntakeRejection(.unavailable, "disk full"))
    try await TestServer.run(intake: intake) { server throws in
      let answer = try await server.post(body, token: nil)
      #expect(answer.status == 503)
      #expect(answer.text.contains("disk full"))
      #expect(server.metric("vigil_webhook_requests_total", ["code": "503"]) == 1)
      #expect(
        server.logs.all.contains { $0.level == .warning && $0.metadata["http.status"] == "503" })
    }
  }

  @Test(.enabled(if: SharedData.shouldRun, "needs ../shared"))
  func aRealEventListArrivesIntact() async throws {
    let folder = try SharedData.require("anchors/falco-k8saudit/events")
    let events = try ["create_configmap.json", "attach_pod.json"].map {
      try Data(contentsOf: folder.appendingPathComponent($0))
    }
    var eventList = Data(
      #"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":["#.utf8)
    eventList.append(events[0])
    eventList.append(Data(",".utf8))
    eventList.append(events[1])
    eventList.append(Data("]}".utf8))
    let bytes = Array(eventList)
    try await TestServer.run(.init(bearerTokens: [token])) { server throws in
      let answer = try await server.post(bytes, token: token)
      #expect(answer.status == 200)
      #expect(await server.intake.bodies == [bytes])
    }
  }
}
