import Foundation
import Testing
import VigilCore

@testable import VigilPipeline

/// Temporary files for configuration tests.
struct ConfigFixture {
  /// A fresh directory, removed by ``remove()``.
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-config-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  /// Writes `text` to `name` in the directory and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: false, encoding: .utf8)
    return url.path
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }

  /// Resolves `yaml` written as `config.yaml`.
  func resolve(
    _ yaml: String, environment: [String: String] = [:], flags: [String: String] = [:],
    sinks: [String] = []
  ) throws -> ServeConfiguration {
    let path = try write("config.yaml", yaml)
    return try ServeConfiguration.resolve(
      file: path, environment: environment, flags: flags, sinkSpecs: sinks)
  }

  /// The error resolving `yaml` gives, if any.
  func error(
    _ yaml: String, environment: [String: String] = [:], flags: [String: String] = [:],
    sinks: [String] = []
  ) throws -> ConfigurationError? {
    let path = try write("config.yaml", yaml)
    do {
      _ = try ServeConfiguration.resolve(
        file: path, environment: environment, flags: flags, sinkSpecs: sinks)
      return nil
    } catch {
      return error
    }
  }
}

/// The configuration file: defaults, every section, and errors with positions.
@Suite struct ServeConfigurationTests {
  @Test func defaultsWithoutAnySource() throws {
    let configuration = try ServeConfiguration.resolve(
      file: nil, environment: [:], flags: [:], sinkSpecs: [])
    #expect(configuration.listen == .init(host: "0.0.0.0", port: 8080))
    #expect(!configuration.tls.isEnabled)
    #expect(configuration.limits.maxBodyBytes == 16 * 1024 * 1024)
    #expect(configuration.limits.maxQueuedEvents == 1_000_000)
    #expect(configuration.store == "vigil.db")
    #expect(configuration.rules == ["rules/audit.yaml"])
    #expect(configuration.detection.aggregationWindow == .seconds(600))
    #expect(configuration.sinks.map(\.kind) == [.stdout])
    #expect(configuration.auditLog == nil)
    #expect(configuration.kube == ServeConfiguration.Kube())
    #expect(!configuration.kube.enabled && !configuration.kube.inCluster)
    #expect(configuration.kube.kubeconfig == nil && configuration.kube.context == nil)
  }

  @Test func readsTheKubeSection() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let configuration = try fixture.resolve(
      """
      kube:
        enabled: true
        kubeconfig: /etc/vigil/kubeconfig
        context: prod-admin
      """)
    #expect(configuration.kube.enabled && !configuration.kube.inCluster)
    #expect(configuration.kube.kubeconfig == "/etc/vigil/kubeconfig")
    #expect(configuration.kube.context == "prod-admin")
    let inCluster = try fixture.resolve(
      "kube: {enabled: true}\n", environment: ["VIGIL_KUBE_IN_CLUSTER": "true"])
    #expect(inCluster.kube.enabled && inCluster.kube.inCluster)
    let unknown = try #require(try fixture.error("kube:\n  inclutser: true\n"))
    #expect(unknown.code == .unknownKey)
    #expect(unknown.description.contains("inCluster"), "\(unknown)")
  }

  @Test func inClusterConflictsWithAKubeconfig() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let error = try #require(
      try fixture.error(
        "kube:\n  inCluster: true\n  kubeconfig: /root/.kube/config\n"))
    #expect(error.code == .conflict)
    #expect(error.description.contains("kube.kubeconfig"), "\(error)")
    #expect(error.description.contains("config.yaml:3"), "\(error)")
    let context = try #require(
      try fixture.error("kube: {inCluster: true}\n", flags: ["kube-context": "prod"]))
    #expect(context.code == .conflict && context.description.contains("--kube-context"))
  }

  @Test func readsEverySection() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let token = try fixture.write("token", "# webhook tokens\nfirst-token\n\n second-token \n")
    let secret = try fixture.write("hmac", "s3cret\n")
    let configuration = try fixture.resolve(
      """
      listen: 127.0.0.1:9443
      tls: {certificate: /etc/vigil/tls.crt, key: /etc/vigil/tls.key, clientCA: /etc/vigil/ca.crt, requireClientCertificate: true}
      auth: {tokenFile: \(token), metricsRequireAuth: true}
      store: /var/lib/vigil/vigil.db
      rules: [/etc/vigil/rules/audit.yaml, /etc/vigil/rules/local.yaml]
      auditLog: /var/log/kubernetes/audit/audit.log
      limits: {maxBodyBytes: 512KiB, maxQueuedEvents: 1_000, retryAfterSeconds: 9}
      detection: {minimumPriority: notice, aggregationWindow: 1h30m}
      log: {level: debug, format: json}
      sinks:
        - {name: out, type: stdout}
        - name: soc
          type: webhook
          url: https://soc.example/hook
          secretFile: \(secret)
          minimumPriority: warning
          tags: [T1609]
          maxAttempts: 3
          headers: {X-Team: security}
        - {type: file, path: /var/log/vigil/alerts.json, maxBytes: 10MiB}
      """)
    #expect(configuration.listen == .init(host: "127.0.0.1", port: 9443))
    #expect(configuration.tls.isEnabled && configuration.tls.requireClientCertificate)
    #expect(configuration.tls.clientCA == "/etc/vigil/ca.crt")
    #expect(configuration.auth.tokens == ["first-token", "second-token"])
    #expect(configuration.auth.metricsRequireAuth)
    #expect(configuration.rules.count == 2)
    #expect(configuration.auditLog == "/var/log/kubernetes/audit/audit.log")
    #expect(configuration.limits.maxBodyBytes == 512 * 1024)
    #expect(configuration.limits.maxQueuedEvents == 1000)
    #expect(configuration.limits.retryAfterSeconds == 9)
    #expect(configuration.detection.minimumPriority == .notice)
    #expect(configuration.detection.aggregationWindow == .seconds(5400))
    #expect(configuration.log.level == .debug && configuration.log.format == .json)
    #expect(configuration.sinks.map(\.name) == ["out", "soc", "file"])
    let soc = configuration.sinks[1]
    #expect(soc.kind == .webhook && soc.url == "https://soc.example/hook")
    #expect(soc.secret == "s3cret")
    #expect(soc.minimumSeverity == .warning && soc.tags == ["T1609"] && soc.maxAttempts == 3)
    #expect(soc.headers == ["X-Team": "security"])
    #expect(configuration.sinks[2].maxBytes == 10 << 20)
    #expect(
      configuration.watchedFiles.contains(secret) && configuration.watchedFiles.contains(token))
    #expect(configuration.file.map { configuration.watchedFiles.first == $0 } == true)
  }

  @Test func listenDefaultsTo8443WithTLS() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let configuration = try fixture.resolve("tls: {certificate: a.crt, key: a.key}")
    #expect(configuration.listen.port == 8443)
    #expect(
      try fixture.resolve("listen: ':9000'\ntls: {certificate: a, key: b}").listen.port == 9000)
    #expect(try fixture.resolve("listen: '[::1]:7000'").listen == .init(host: "::1", port: 7000))
  }

  @Test func unknownKeyNamesPositionAndSuggestion() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let error = try #require(try fixture.error("store: a.db\ntls:\n  clientCa: ca.crt\n"))
    #expect(error.code == .unknownKey)
    #expect(
      error.location == .file(path: fixture.directory.path + "/config.yaml", line: 3, column: 3))
    #expect(error.message.contains("tls.clientCa"))
    #expect(error.message.contains("did you mean \"clientCA\""))
    let top = try #require(try fixture.error("stor: a.db"))
    #expect(top.message.contains("did you mean \"store\""))
    let far = try #require(try fixture.error("completelyDifferent: 1"))
    #expect(!far.message.contains("did you mean"))
    let sink = try #require(
      try fixture.error("sinks:\n  - {type: webhook, url: https://x.example, secrett: k}"))
    #expect(sink.message.contains("sinks[0].secrett") && sink.message.contains("\"secret\""))
  }

  @Test func wrongValuesNameTheKeyPath() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let yaml = """
      sinks:
        - {name: out, type: stdout}
        - {name: soc, type: webhook, url: https://soc.example/hook, minimumPriority: urgent}
      """
    let error = try #require(try fixture.error(yaml))
    #expect(error.code == .invalidValue)
    #expect(
      error.message.hasPrefix("sinks[1].minimumPriority: \"urgent\" is not a priority (debug"))
    #expect(error.description.contains("config.yaml:3:"))
    let size = try #require(try fixture.error("limits: {maxBodyBytes: 16 furlongs}"))
    #expect(size.message.hasPrefix("limits.maxBodyBytes:"))
    let shape = try #require(try fixture.error("limits: {maxQueuedEvents: [1, 2]}"))
    #expect(shape.code == .wrongType && shape.message.contains("found a list"))
    let section = try #require(try fixture.error("tls: yes"))
    #expect(section.code == .wrongType && section.message.hasPrefix("tls:"))
    let duplicate = try #require(try fixture.error("store: a\nstore: b"))
    #expect(duplicate.code == .duplicateKey, "\(duplicate)")
    let syntax = try #require(try fixture.error("store: [unclosed"))
    #expect(syntax.code == .invalidYAML)
    let noType = try #require(try fixture.error("sinks: [{name: x}]"))
    #expect(noType.code == .missingValue && noType.message.hasPrefix("sinks[0].type"))
  }

  @Test func sizesAndDurations() {
    #expect(ServeConfiguration.ByteSize.parse("16MiB") == 16 << 20)
    #expect(ServeConfiguration.ByteSize.parse("512KiB") == 512 << 10)
    #expect(ServeConfiguration.ByteSize.parse("1 GiB") == 1 << 30)
    #expect(ServeConfiguration.ByteSize.parse("1048576") == 1 << 20)
    #expect(ServeConfiguration.ByteSize.parse("2MB") == 2_000_000)
    #expect(ServeConfiguration.ByteSize.parse("MiB") == nil)
    #expect(ServeConfiguration.ByteSize.parse("12XB") == nil)
    #expect(ServeConfiguration.ByteSize.parse("99999999999999GiB") == nil)
    #expect(ServeConfiguration.ByteSize.format(16 << 20) == "16MiB")
    #expect(ServeConfiguration.ByteSize.format(1000) == "1000")
  }

  @Test func emptyFileGivesDefaults() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let configuration = try fixture.resolve("# nothing set\n")
    #expect(configuration.store == "vigil.db")
    #expect(configuration.sinks.count == 1)
    do {
      _ = try ServeConfiguration.resolve(
        file: fixture.directory.path + "/absent.yaml", environment: [:], flags: [:], sinkSpecs: [])
      Issue.record("an absent file resolved")
    } catch {
      #expect(
        error.code == .unreadableFile && error.message.lowercased().contains("no such file"),
        "\(error)")
    }
  }
}
