import Foundation
import Logging
import VigilHTTPTesting

@testable import VigilKubeClient

/// Helpers shared by the client tests.
enum TestSupport {
  /// A logger that drops everything.
  static let logger = Logger(label: "vigil.kubeclient.tests") { _ in SwiftLogNoOpLogHandler() }

  /// A fresh temporary folder.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-kubeclient-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes `text` to `name` in `directory`; returns the path.
  @discardableResult
  static func write(_ text: String, to name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// The test CA's PEM path.
  static func certificates() throws -> TestCertificates { try TestCertificates.shared.get() }

  /// A configuration for `server` trusting the test CA.
  static func configuration(
    _ server: FakeAPIServer, token: KubeConfiguration.Token? = nil
  ) throws -> KubeConfiguration {
    KubeConfiguration(
      server: server.url, certificateAuthority: .file(try certificates().caCertificate),
      token: token)
  }

  /// Runs `body` with a client, shutting it down afterwards.
  static func withClient<T>(
    _ configuration: KubeConfiguration, clientConfiguration: KubeClient.Configuration = .init(),
    _ body: (KubeClient) async throws -> T
  ) async throws -> T {
    let client = try KubeClient(configuration, configuration: clientConfiguration, logger: logger)
    do {
      let result = try await body(client)
      try await client.shutdown()
      return result
    } catch {
      try? await client.shutdown()
      throw error
    }
  }

  /// The base64 of a file's contents.
  static func base64(ofFile path: String) throws -> String {
    try Data(contentsOf: URL(fileURLWithPath: path)).base64EncodedString()
  }
}
