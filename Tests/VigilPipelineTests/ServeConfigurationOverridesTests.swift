import Foundation
import Testing
import VigilCore

@testable import VigilPipeline

/// Environment variables, flags and `--sink` specs on top of the file.
@Suite struct ServeConfigurationOverridesTests {
  static let file = """
    store: file.db
    log: {level: info}
    sinks:
      - {name: soc, type: webhook, url: https://soc.example/hook, minimumPriority: warning}
    """

  @Test func precedenceIsDefaultsFileEnvironmentFlags() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let fileOnly = try fixture.resolve(Self.file)
    #expect(fileOnly.store == "file.db" && fileOnly.log.level == .info)
    let environment = [
      "VIGIL_STORE": "env.db", "VIGIL_LOG_LEVEL": "debug", "VIGIL_RULES": "a.yaml, b.yaml",
    ]
    let withEnvironment = try fixture.resolve(Self.file, environment: environment)
    #expect(withEnvironment.store == "env.db" && withEnvironment.log.level == .debug)
    #expect(withEnvironment.rules == ["a.yaml", "b.yaml"])
    let withFlags = try fixture.resolve(
      Self.file, environment: environment,
      flags: ["store": "flag.db", "limits-max-body-bytes": "1MiB"])
    #expect(withFlags.store == "flag.db" && withFlags.log.level == .debug)
    #expect(withFlags.limits.maxBodyBytes == 1 << 20)
  }

  @Test func namesDeriveFromKeys() throws {
    let option = try #require(ServeConfiguration.option(key: "tls.clientCA"))
    #expect(option.environment == "VIGIL_TLS_CLIENT_CA")
    #expect(option.flag == "tls-client-ca")
    let body = try #require(ServeConfiguration.option(key: "limits.maxBodyBytes"))
    #expect(
      body.environment == "VIGIL_LIMITS_MAX_BODY_BYTES" && body.flag == "limits-max-body-bytes")
    #expect(ServeConfiguration.option(key: "auditLog")?.flag == "audit-log")
    #expect(Set(ServeConfiguration.options.map(\.flag)).count == ServeConfiguration.options.count)
    #expect(
      Set(ServeConfiguration.options.map(\.environment)).count == ServeConfiguration.options.count)
  }

  @Test func everyOptionIsSettableFromEnvironmentAndFlag() throws {
    let values: [String: String] = [
      "listen": "127.0.0.1:1234", "tls.certificate": "c.pem", "tls.key": "k.pem",
      "tls.clientCA": "ca.pem", "tls.requireClientCertificate": "true", "auth.tokens": "t1,t2",
      "auth.tokenFile": "", "auth.metricsRequireAuth": "yes", "limits.maxBodyBytes": "2MiB",
      "limits.maxQueuedEvents": "77", "limits.retryAfterSeconds": "3", "store": "s.db",
      "rules": "r.yaml", "auditLog": "audit.log", "detection.minimumPriority": "error",
      "detection.aggregationWindow": "90s", "log.level": "trace", "log.format": "json",
      "kube.enabled": "true", "kube.kubeconfig": "kc.yaml", "kube.context": "prod",
      "kube.inCluster": "false", "network.mapWindow": "2h", "network.flowRetention": "3d",
      "network.threatFeeds": "acme=/etc/feeds/acme.json", "network.scanWindow": "2m",
      "network.scanPortThreshold": "30", "network.scanHostThreshold": "40",
      "network.scanInClusterPortThreshold": "50", "network.scanInClusterHostThreshold": "60",
      "network.scanExemptNamespaces": "mesh,probes", "network.scanExemptWorkloads": "ops/pinger",
      "network.lateralNewPeers": "12", "network.lateralWindow": "20m",
      "network.lateralLearning": "2h", "network.zones": "payments=prod,scratch=none",
      "baselines.enabled": "false", "baselines.learningPeriod": "30m",
      "baselines.saveInterval": "1m", "baselines.namespaceSensitivity": "payments=2,sandbox=0",
    ]
    #expect(Set(values.keys) == Set(ServeConfiguration.options.map(\.key)))
    var environment: [String: String] = [:]
    var flags: [String: String] = [:]
    for option in ServeConfiguration.options {
      environment[option.environment] = values[option.key]
      flags[option.flag] = values[option.key]
    }
    for configuration in [
      try ServeConfiguration.resolve(
        file: nil, environment: environment, flags: [:], sinkSpecs: []),
      try ServeConfiguration.resolve(file: nil, environment: [:], flags: flags, sinkSpecs: []),
    ] {
      #expect(configuration.listen.port == 1234 && configuration.tls.requireClientCertificate)
      #expect(configuration.auth.tokens == ["t1", "t2"] && configuration.auth.metricsRequireAuth)
      #expect(
        configuration.limits.maxBodyBytes == 2 << 20 && configuration.limits.maxQueuedEvents == 77)
      #expect(configuration.auditLog == "audit.log" && configuration.log.format == .json)
      #expect(configuration.detection.minimumPriority == .error)
      #expect(configuration.detection.aggregationWindow == .seconds(90))
      #expect(configuration.kube.enabled && !configuration.kube.inCluster)
      #expect(configuration.kube.kubeconfig == "kc.yaml" && configuration.kube.context == "prod")
      #expect(configuration.network.mapWindow == .seconds(7200))
      #expect(configuration.network.flowRetention == .seconds(3 * 86400))
      #expect(configuration.network.threatFeeds == ["acme=/etc/feeds/acme.json"])
      let network = configuration.network
      #expect(network.scanWindow == .seconds(120) && network.scanPortThreshold == 30)
      #expect(network.scanHostThreshold == 40 && network.scanInClusterPortThreshold == 50)
      #expect(network.scanInClusterHostThreshold == 60)
      #expect(network.scanExemptNamespaces == ["mesh", "probes"])
      #expect(network.scanExemptWorkloads == ["ops/pinger"])
      #expect(network.lateralNewPeers == 12 && network.lateralWindow == .seconds(1200))
      #expect(network.lateralLearning == .seconds(7200))
      #expect(network.zones == ["payments=prod", "scratch=none"])
      #expect(
        !configuration.baselines.enabled && configuration.baselines.saveInterval == .seconds(60))
      #expect(configuration.baselines.learningPeriod == .seconds(1800))
      #expect(configuration.baselines.detectorConfiguration == nil)
      var enabled = configuration.baselines
      enabled.enabled = true
      let detectors = try #require(enabled.detectorConfiguration)
      #expect(detectors.novelty.profiles.namespaceSensitivity == ["payments": 2, "sandbox": 0])
      #expect(detectors.rates.namespaceSensitivity["sandbox"] == 0)
      #expect(detectors.novelty.profiles.learningPeriod == .seconds(1800))
    }
  }

  @Test func unknownFlagSuggestsTheNearest() {
    do {
      _ = try ServeConfiguration.resolve(
        file: nil, environment: ["VIGIL_RULES_DIR": "ignored"], flags: ["tls-client-cb": "x"],
        sinkSpecs: [])
      Issue.record("an unknown flag resolved")
    } catch {
      #expect(error.code == .unknownKey && error.location == .flag("tls-client-cb"))
      #expect(error.message.contains("did you mean \"tls-client-ca\""))
    }
  }

  @Test func environmentChangesAndAddsSinks() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let configuration = try fixture.resolve(
      Self.file,
      environment: [
        "VIGIL_SINK_SOC_URL": "https://other.example/hook",
        "VIGIL_SINK_SOC_MINIMUM_PRIORITY": "error",
        "VIGIL_SINK_TEAM_CHAT_TYPE": "slack",
        "VIGIL_SINK_TEAM_CHAT_URL": "https://hooks.slack.example/T0",
        "VIGIL_SINK_TEAM_CHAT_TAGS": "T1609,T1611",
      ])
    #expect(configuration.sinks.map(\.name) == ["soc", "team-chat"])
    #expect(configuration.sinks[0].url == "https://other.example/hook")
    #expect(configuration.sinks[0].minimumSeverity == .error)
    #expect(
      configuration.sinks[1].kind == .slack && configuration.sinks[1].tags == ["T1609", "T1611"])
    do {
      let error = try #require(
        try fixture.error(Self.file, environment: ["VIGIL_SINK_NEW_URL": "https://x.example"]))
      #expect(error.code == .missingValue && error.location == .environment("VIGIL_SINK_NEW_URL"))
      #expect(error.message.contains("VIGIL_SINK_NEW_TYPE"))
    }
    do {
      let error = try #require(
        try fixture.error(Self.file, environment: ["VIGIL_SINK_SOC_UR": "https://x.example"]))
      #expect(error.code == .unknownKey && error.message.contains("did you mean \"URL\""))
    }
  }

  @Test func sinkEnvironmentPrefersExistingSinkNames() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let variable = ["VIGIL_SINK_SOC_DEAD_LETTER_PATH": "/x"]
    let webhook = try fixture.resolve(
      "sinks: [{name: soc, type: webhook, url: https://a.example}]", environment: variable)
    #expect(webhook.sinks.count == 1 && webhook.sinks[0].deadLetterPath == "/x")
    let file = try fixture.resolve(
      "sinks: [{name: soc-dead-letter, type: file, path: /y}]", environment: variable)
    #expect(file.sinks.count == 1 && file.sinks[0].path == "/x")
  }

  @Test func sinkSpecsAddAndChangeSinks() throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let configuration = try fixture.resolve(
      Self.file,
      sinks: [
        "webhook:soc,url=https://flag.example/hook,minimumPriority=critical,tags=T1609,T1611",
        "file,path=/var/log/vigil/alerts.json,maxFiles=2",
        "falcosidekick:sidekick,url=http://falcosidekick:2801,headers=X-A: 1,headers=X-B: 2",
      ])
    #expect(configuration.sinks.map(\.name) == ["soc", "file", "sidekick"])
    #expect(configuration.sinks[0].url == "https://flag.example/hook")
    #expect(configuration.sinks[0].minimumSeverity == .critical)
    #expect(configuration.sinks[0].tags == ["T1609", "T1611"])
    #expect(configuration.sinks[1].kind == .file && configuration.sinks[1].maxFiles == 2)
    #expect(configuration.sinks[2].headers == ["X-A": "1", "X-B": "2"])
    do {
      let error = try #require(
        try fixture.error(Self.file, sinks: ["pager:x,url=https://x.example"]))
      #expect(error.code == .invalidValue && error.location == .flag("sink"))
    }
    do {
      let error = try #require(try fixture.error(Self.file, sinks: ["webhook:x,https://x.example"]))
      #expect(error.message.contains("is not key=value"))
    }
  }
}
