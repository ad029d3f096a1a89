import Foundation
import Testing

@testable import VigilPipeline

/// The checks made once every source is merged.
@Suite struct ServeConfigurationValidationTests {
  func error(
    _ yaml: String, environment: [String: String] = [:], flags: [String: String] = [:],
    sinks: [String] = []
  ) throws -> ConfigurationError {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    return try #require(
      try fixture.error(yaml, environment: environment, flags: flags, sinks: sinks))
  }

  @Test func tlsCertificateAndKeyGoTogether() throws {
    let certificateOnly = try error("tls: {certificate: a.crt}")
    #expect(certificateOnly.code == .conflict && certificateOnly.message.contains("tls.key"))
    let keyOnly = try error("", environment: ["VIGIL_TLS_KEY": "a.key"])
    #expect(keyOnly.location == .environment("VIGIL_TLS_KEY"))
    let clientCA = try error("", flags: ["tls-client-ca": "ca.crt"])
    #expect(clientCA.location == .flag("tls-client-ca") && clientCA.message.contains("needs TLS"))
    let required = try error("tls: {certificate: a, key: b, requireClientCertificate: true}")
    #expect(required.message.contains("tls.clientCA"))
  }

  @Test func sinkNamesAreUnique() throws {
    let duplicate = try error(
      "sinks: [{type: stdout}, {type: file, path: a}, {name: stdout, type: file, path: b}]")
    #expect(duplicate.code == .conflict && duplicate.message.hasPrefix("sinks[2]"))
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let changed = try fixture.resolve(
      "sinks: [{name: soc, type: webhook, url: https://a.example}]",
      sinks: ["webhook:soc,timeout=5s"])
    #expect(changed.sinks.count == 1 && changed.sinks[0].timeout == .seconds(5))
  }

  @Test func sinksNeedTheirRequiredOptions() throws {
    let url = try error("sinks: [{name: soc, type: webhook}]")
    #expect(url.code == .missingValue && url.message == "sinks[0].url: a webhook sink needs a url")
    let path = try error("", sinks: ["file:archive"])
    #expect(path.code == .missingValue && path.message.hasPrefix("sinks[archive].path"))
    let scheme = try error("sinks: [{type: slack, url: 'ftp://x'}]")
    #expect(scheme.code == .invalidValue)
    let both = try error("sinks: [{type: webhook, url: 'https://x', secret: a, secretFile: b}]")
    #expect(both.code == .conflict)
  }

  @Test func secretFilesMustBeReadable() throws {
    let token = try error("auth: {tokenFile: /nonexistent/vigil-token}")
    #expect(token.code == .unreadableFile && token.message.hasPrefix("auth.tokenFile"))
    #expect(token.description.contains("config.yaml:1:"))
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let empty = try fixture.write("empty-token", "# no tokens yet\n")
    let noToken = try #require(try fixture.error("auth: {tokenFile: \(empty)}"))
    #expect(noToken.code == .invalidValue)
  }

  @Test func noRuleFilesIsAnError() throws {
    let none = try error("rules: []")
    #expect(none.code == .missingValue)
  }

  @Test func descriptionsCoverEveryCode() {
    for code in ConfigurationError.Code.allCases {
      let error = ConfigurationError(code, at: .environment("VIGIL_X"), "x: y")
      #expect(error.description.hasPrefix("env VIGIL_X: \(error.label): x: y"))
    }
  }
}
