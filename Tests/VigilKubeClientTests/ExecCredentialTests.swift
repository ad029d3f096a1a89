import Foundation
import Testing
import VigilCore

@testable import VigilKubeClient

@Suite struct ExecCredentialTests {
  /// Writes an executable Python script (no shell involved) that counts its runs in `runs` and
  /// prints an ExecCredential whose token is `token-<run number>`, expiring `expiresIn` seconds
  /// from now (no expiry when nil); it also echoes its arguments and an environment variable.
  static func plugin(in directory: URL, expiresIn: Int?, apiVersion: String) throws -> String {
    let expiry =
      expiresIn.map {
        "\"expirationTimestamp\": (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=\($0))).strftime('%Y-%m-%dT%H:%M:%SZ'),"
      } ?? ""
    let script = """
      #!/usr/bin/env python3
      import datetime, json, os, sys
      counter = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs")
      runs = int(open(counter).read()) + 1 if os.path.exists(counter) else 1
      open(counter, "w").write(str(runs))
      print(json.dumps({"apiVersion": "\(apiVersion)", "kind": "ExecCredential",
        "status": {\(expiry) "token": "token-%d" % runs},
        "args": sys.argv[1:], "env": os.environ.get("PLUGIN_FLAVOUR", "")}))
      """
    let path = try TestSupport.write(script, to: "get-token", in: directory)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
  }

  static func runs(in directory: URL) -> Int {
    (try? String(contentsOf: directory.appendingPathComponent("runs"), encoding: .utf8))
      .flatMap { Int($0) } ?? 0
  }

  @Test(arguments: ExecCredentialPlugin.supportedAPIVersions)
  func runsWithoutAShellAndParsesTheToken(apiVersion: String) async throws {
    let directory = try TestSupport.temporaryDirectory()
    _ = try Self.plugin(in: directory, expiresIn: 3600, apiVersion: apiVersion)
    let plugin = ExecCredentialPlugin(
      command: "./get-token", arguments: ["--cluster", "a b; rm -rf /"],
      environment: ["PLUGIN_FLAVOUR": "test"], apiVersion: apiVersion, directory: directory.path)
    let credential = try await plugin.run()
    #expect(credential.token == "token-1")
    let expiration = try #require(credential.expiration)
    #expect(expiration > Timestamp.now().adding(.seconds(3500)))
    #expect(Self.runs(in: directory) == 1)
  }

  @Test func fixedOutputPluginNeedsNoInterpreter() async throws {
    // `/bin/echo` with the credential as one argument: no shell, no Python.
    let json = """
      {"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",\
      "status":{"token":"echoed","expirationTimestamp":"2099-01-01T00:00:00Z"}}
      """
    let credential = try await ExecCredentialPlugin(command: "echo", arguments: [json]).run()
    #expect(credential.token == "echoed")
    #expect(credential.expiration == Timestamp(rfc3339: "2099-01-01T00:00:00Z"))
  }

  @Test func parsesCertificatesAndRejectsMismatchedOutput() throws {
    let v1 = "client.authentication.k8s.io/v1"
    let certificate = try ExecCredential(
      parsing: Array(
        """
        {"apiVersion":"\(v1)","kind":"ExecCredential","status":{"clientCertificateData":"-----BEGIN CERTIFICATE-----\\nMII\\n-----END CERTIFICATE-----\\n","clientKeyData":"-----BEGIN EC PRIVATE KEY-----\\nMHc\\n-----END EC PRIVATE KEY-----\\n"}}
        """.utf8), apiVersion: v1)
    #expect(certificate.token == nil)
    #expect(
      certificate.clientCertificate.map { String(decoding: $0, as: UTF8.self) }?.hasPrefix(
        "-----BEGIN CERTIFICATE-----\n") == true)
    #expect(certificate.expiration == nil)
    let bad: [(String, String)] = [
      ("{\"apiVersion\":\"\(v1)\",\"kind\":\"ExecCredential\",\"status\":{}}", "neither"),
      (
        "{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}",
        "does not match"
      ),
      ("not json", "not JSON"),
      (
        "{\"apiVersion\":\"\(v1)\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\",\"expirationTimestamp\":\"soon\"}}",
        "expirationTimestamp"
      ),
    ]
    for (text, message) in bad {
      let error = #expect(throws: KubeClientError.self) {
        try ExecCredential(parsing: Array(text.utf8), apiVersion: v1)
      }
      #expect(error?.code == .invalidExecCredential)
      #expect(error?.message.contains(message) == true, "\(text)")
    }
  }

  @Test func failingPluginReportsItsStatusAndStandardError() async throws {
    let directory = try TestSupport.temporaryDirectory()
    let path = try TestSupport.write(
      "#!/usr/bin/env python3\nimport sys\nsys.stderr.write('no SSO session\\n')\nsys.exit(3)\n",
      to: "fail", in: directory)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    let error = await #expect(throws: KubeClientError.self) {
      try await ExecCredentialPlugin(command: path).run()
    }
    #expect(error?.code == .execFailed)
    #expect(error?.message.contains("status 3") == true)
    #expect(error?.message.contains("no SSO session") == true)
    let missing = await #expect(throws: KubeClientError.self) {
      try await ExecCredentialPlugin(command: "vigil-no-such-plugin").run()
    }
    #expect(missing?.message.contains("not found in PATH") == true)
  }

  @Test func credentialIsCachedUntilItExpires() async throws {
    let directory = try TestSupport.temporaryDirectory()
    _ = try Self.plugin(
      in: directory, expiresIn: 600, apiVersion: "client.authentication.k8s.io/v1")
    let clock = ManualWallClock()
    let authenticator = try KubeAuthenticator(
      configuration: KubeConfiguration(
        server: "https://127.0.0.1:1",
        exec: ExecCredentialPlugin(command: "./get-token", directory: directory.path)),
      now: { clock.now })
    #expect(try await authenticator.credentials().authorization == "Bearer token-1")
    #expect(try await authenticator.credentials().authorization == "Bearer token-1")
    #expect(Self.runs(in: directory) == 1)
    // Well past the expiry even if the plugin started long after the clock (a loaded machine).
    clock.advance(by: .seconds(900))
    #expect(try await authenticator.credentials().authorization == "Bearer token-2")
    #expect(Self.runs(in: directory) == 2)
    await authenticator.rejected()
    #expect(try await authenticator.credentials().authorization == "Bearer token-3")
  }
}
