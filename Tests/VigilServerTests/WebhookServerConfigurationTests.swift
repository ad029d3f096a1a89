import Foundation
import Logging
import Testing
import VigilHTTPTesting
import VigilServer

/// Inconsistent settings and unreadable files fail before the server starts.
@Suite struct WebhookServerConfigurationTests {
  /// The error `makeApplication` throws for `configuration`, if any.
  func setupError(_ configuration: WebhookServer.Configuration) -> WebhookServerError.Code? {
    let metrics = PrometheusMetrics()
    let server = WebhookServer(
      configuration: configuration, intake: FakeIntake(), registry: metrics.registry,
      metricsFactory: metrics.factory, isReady: { true }, logger: Logger(label: "test"))
    do {
      _ = try server.makeApplication()
      return nil
    } catch {
      return error.code
    }
  }

  @Test func inconsistentSettingsAreRefused() throws {
    let certificates = try TestCertificates.shared.get()
    let tls = WebhookServer.Configuration.TLS(
      certificateChainPath: certificates.serverCertificate, privateKeyPath: certificates.serverKey)
    #expect(setupError(.init(port: 70000)) == .invalidPort)
    #expect(setupError(.init(maxBodyBytes: 0)) == .invalidBodyLimit)
    #expect(setupError(.init(idleTimeout: .zero)) == .invalidIdleTimeout)
    #expect(setupError(.init(bearerTokens: [""])) == .invalidToken)
    #expect(setupError(.init(bearerTokens: ["a b"])) == .invalidToken)
    #expect(setupError(.init(clientCAPath: certificates.caCertificate)) == .clientCAWithoutTLS)
    #expect(
      setupError(.init(tls: tls, requireClientCertificate: true)) == .clientCertificateWithoutCA)
    #expect(setupError(.init(tls: tls, clientCAPath: certificates.caCertificate)) == nil)
  }

  @Test func unreadableFilesAreNamed() throws {
    let certificates = try TestCertificates.shared.get()
    let missing = certificates.path("missing.pem")
    let good = WebhookServer.Configuration.TLS(
      certificateChainPath: certificates.serverCertificate, privateKeyPath: certificates.serverKey)
    var badChain = good
    badChain.certificateChainPath = missing
    var badKey = good
    badKey.privateKeyPath = missing
    var mismatchedKey = good
    mismatchedKey.privateKeyPath = certificates.clientKey
    #expect(setupError(.init(tls: badChain)) == .unreadableCertificateChain)
    #expect(setupError(.init(tls: badKey)) == .unreadablePrivateKey)
    #expect(setupError(.init(tls: good, clientCAPath: missing)) == .unreadableClientCA)
    #expect(setupError(.init(tls: mismatchedKey)) == .invalidTLSConfiguration)
  }

  @Test func descriptionsNameTheProblem() {
    let error = WebhookServerError(.unreadableClientCA, detail: "/etc/vigil/ca.pem: no such file")
    #expect(error.description == "cannot read the client CA: /etc/vigil/ca.pem: no such file")
  }
}
