import AsyncHTTPClient
import NIOSSL
import Testing
import VigilHTTPTesting
import VigilServer

/// HTTPS and mutual TLS, with certificates made by `openssl` for this run.
@Suite struct WebhookTLSTests {
  let body = Array(#"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[]}"#.utf8)
  let token = "tls-token"

  /// The server configuration for the generated certificates.
  func configuration(
    _ certificates: TestCertificates, tokens: Set<String> = [], clientCA: Bool = false,
    require: Bool = false
  ) -> WebhookServer.Configuration {
    WebhookServer.Configuration(
      bearerTokens: tokens,
      tls: .init(
        certificateChainPath: certificates.serverCertificate, privateKeyPath: certificates.serverKey
      ),
      clientCAPath: clientCA ? certificates.caCertificate : nil,
      requireClientCertificate: require)
  }

  /// A client trusting the test CA, optionally presenting a certificate.
  func client(
    _ certificates: TestCertificates, certificate: String? = nil, key: String? = nil
  ) throws -> TLSConfiguration {
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificates.caCertificate))
    if let certificate, let key {
      tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
      tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
    }
    return tls
  }

  /// Headers of a JSON post, with an optional token.
  func headers(token: String? = nil) -> [(String, String)] {
    [("Content-Type", "application/json")]
      + (token.map { [("Authorization", "Bearer \($0)")] } ?? [])
  }

  /// Expects `request` to fail in the TLS handshake with BoringSSL's `reason`.
  func expectRefusal(
    _ reason: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ request: () async throws -> TestServer.Answer
  ) async {
    do {
      let answer = try await request()
      Issue.record(
        "expected a TLS refusal (\(reason)), got HTTP \(answer.status)",
        sourceLocation: sourceLocation)
    } catch {
      #expect(
        String(describing: error).contains(reason), "\(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func theClientVerifiesTheServerCertificate() async throws {
    let certificates = try TestCertificates.shared.get()
    try await TestServer.run(configuration(certificates, tokens: [token])) { server throws in
      let trusting = try client(certificates)
      let answer = try await server.send(body: body, headers: headers(token: token), tls: trusting)
      #expect(answer.status == 200)
      #expect(await server.intake.bodies == [body])

      var untrusting = TLSConfiguration.makeClientConfiguration()
      untrusting.trustRoots = .certificates(
        try NIOSSLCertificate.fromPEMFile(certificates.rogueClientCertificate))
      // The client refuses the handshake; async-http-client retries the connection until the
      // deadline, so a short one keeps the test quick.
      await expectRefusal("CERTIFICATE_VERIFY_FAILED") {
        try await server.send(
          body: body, headers: headers(token: token), tls: untrusting, timeout: .seconds(1))
      }
      #expect(await server.intake.bodies == [body])
    }
  }

  @Test func requiredClientCertificatesAreCheckedInTheHandshake() async throws {
    let certificates = try TestCertificates.shared.get()
    try await TestServer.run(configuration(certificates, clientCA: true, require: true)) {
      server throws in
      let good = try client(
        certificates, certificate: certificates.clientCertificate, key: certificates.clientKey)
      let answer = try await server.send(body: body, headers: headers(), tls: good)
      #expect(answer.status == 200)
      #expect(await server.intake.bodies == [body])

      let anonymous = try client(certificates)
      await expectRefusal("CERTIFICATE_REQUIRED") {
        try await server.send(body: body, headers: headers(), tls: anonymous)
      }
      let rogue = try client(
        certificates, certificate: certificates.rogueClientCertificate,
        key: certificates.rogueClientKey)
      await expectRefusal("UNKNOWN_CA") {
        try await server.send(body: body, headers: headers(), tls: rogue)
      }
      #expect(await server.intake.bodies == [body])
      #expect(server.metric("vigil_webhook_requests_total", ["code": "200"]) == 1)
    }
  }

  @Test func optionalClientCertificatesOrATokenAuthenticate() async throws {
    let certificates = try TestCertificates.shared.get()
    try await TestServer.run(configuration(certificates, tokens: [token], clientCA: true)) {
      server throws in
      let good = try client(
        certificates, certificate: certificates.clientCertificate, key: certificates.clientKey)
      let anonymous = try client(certificates)
      #expect(try await server.send(body: body, headers: headers(), tls: good).status == 200)
      #expect(
        try await server.send(body: body, headers: headers(token: token), tls: anonymous).status
          == 200)
      let refused = try await server.send(body: body, headers: headers(), tls: anonymous)
      #expect(refused.status == 401)
      #expect(refused.headers["WWW-Authenticate"] == ["Bearer"])
      #expect(await server.intake.bodies == [body, body])

      let rogue = try client(
        certificates, certificate: certificates.rogueClientCertificate,
        key: certificates.rogueClientKey)
      await expectRefusal("UNKNOWN_CA") {
        try await server.send(body: body, headers: headers(token: token), tls: rogue)
      }
      #expect(await server.intake.bodies == [body, body])
      #expect(server.metric("vigil_webhook_unauthenticated_total") == 1)
    }
  }

  @Test func certificateOnlyAuthRefusesAnonymousClientsWith401() async throws {
    let certificates = try TestCertificates.shared.get()
    try await TestServer.run(configuration(certificates, clientCA: true)) { server throws in
      let anonymous = try client(certificates)
      let refused = try await server.send(
        body: body, headers: headers(token: "anything"), tls: anonymous)
      #expect(refused.status == 401)
      #expect(refused.headers["WWW-Authenticate"].isEmpty)
      #expect(await server.intake.bodies.isEmpty)
      let good = try client(
        certificates, certificate: certificates.clientCertificate, key: certificates.clientKey)
      #expect(try await server.send(body: body, headers: headers(), tls: good).status == 200)
      #expect(await server.intake.bodies == [body])
    }
  }
}
