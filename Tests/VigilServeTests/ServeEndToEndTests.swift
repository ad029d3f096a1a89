import Crypto
import Foundation
import Testing
import VigilCore
import VigilHTTPTesting
import VigilStore
import VigilTesting

/// `vigil serve` run as a user runs it: the built binary with TLS and mutual TLS made by the
/// test, Falco's real audit events posted as the API server's webhook posts them, and every
/// sink delivering to a local receiver.
@Suite(.serialized) struct ServeEndToEndTests {
  struct Rig {
    let directory: URL
    let certificates: TestCertificates
    let webhook: HTTPTestReceiver
    let slack: HTTPTestReceiver
    let sidekick: HTTPTestReceiver
    let config: URL

    init(rules: [String] = [AuditBodies.repository.appendingPathComponent("rules/audit.yaml").path])
      async throws
    {
      directory = try AuditBodies.directory()
      certificates = try TestCertificates.shared.get()
      webhook = try await HTTPTestReceiver(path: "/soc")
      slack = try await HTTPTestReceiver(path: "/services/T000/B000/xyz")
      sidekick = try await HTTPTestReceiver(path: "/")
      config = directory.appendingPathComponent("config.yaml")
      let yaml = """
        listen: 127.0.0.1:0
        tls:
          certificate: \(certificates.serverCertificate)
          key: \(certificates.serverKey)
          clientCA: \(certificates.caCertificate)
          requireClientCertificate: false
        auth: {tokens: [t0ken-for-tests]}
        store: \(directory.appendingPathComponent("vigil.db").path)
        rules: [\(rules.joined(separator: ", "))]
        limits: {maxBodyBytes: 64KiB}
        sinks:
          - {name: soc, type: webhook, url: "\(webhook.url)", secret: hmac-key, minimumPriority: warning}
          - {name: chat, type: slack, url: "\(slack.url)", minimumPriority: error}
          - {name: sidekick, type: falcosidekick, url: "\(sidekick.url)"}
          - {name: archive, type: file, path: \(directory.appendingPathComponent("alerts.jsonl").path)}
        """
      try yaml.write(to: config, atomically: true, encoding: .utf8)
    }

    var storePath: String { directory.appendingPathComponent("vigil.db").path }

    func client(port: Int, withCertificate: Bool) throws -> WebhookClient {
      try WebhookClient(
        base: "https://127.0.0.1:\(port)", ca: certificates.caCertificate,
        certificate: withCertificate ? certificates.clientCertificate : nil,
        key: withCertificate ? certificates.clientKey : nil)
    }

    func stopReceivers() async throws {
      try await webhook.stop()
      try await slack.stop()
      try await sidekick.stop()
    }
  }

  /// Waits (20 s at most) until `condition` holds.
  static func eventually(_ what: String, _ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(20)
    while try !condition() {
      guard ContinuousClock.now < deadline else { throw ServeProcessError("timed out: \(what)") }
      try await Task.sleep(for: .milliseconds(25))
    }
  }

  @Test(.enabled(if: SharedData.shouldRun, "needs ../shared/anchors/falco-k8saudit"))
  func falcoEventsOverMutualTLSReachEverySinkThroughItsFilter() async throws {
    let rig = try await Rig()
    let server = try ServeProcess(["--config", rig.config.path])
    let port = try await server.port()
    let client = try rig.client(port: port, withCertificate: true)
    let body = try AuditBodies.falcoEventList(["attach_pod", "create_nginx_pod_privileged"])
    let response = try await client.send(body: body)
    #expect(response.status == 200)
    #expect(response.body == #"{"accepted":2}"#)

    try await Self.eventually("every sink delivered") {
      rig.webhook.requests.count >= 2 && rig.slack.requests.count >= 1
        && rig.sidekick.requests.count >= 3
    }
    // The webhook: warning and above, Vigil's alert JSON, signed with HMAC-SHA256.
    let soc = rig.webhook.requests
    #expect(
      Set(soc.map { Self.rule(in: $0.text) }) == [
        "Image From Public Registry", "Privileged Workload Created",
      ])
    for request in soc {
      let signature = HMAC<SHA256>.authenticationCode(
        for: request.body, using: SymmetricKey(data: Data("hmac-key".utf8)))
      let hex = signature.map { String(format: "%02x", $0) }.joined()
      #expect(request.header("X-Vigil-Signature") == "sha256=\(hex)")
    }
    // Slack: error and above, a readable message.
    #expect(rig.slack.requests.count == 1)
    #expect(rig.slack.requests.first?.text.contains("Privileged Workload Created") == true)
    // Falcosidekick: everything, in Falco's alert JSON.
    let falco = rig.sidekick.requests.map(\.text)
    #expect(
      falco.contains {
        $0.contains(#""rule":"Exec or Attach Into Pod by Human""#)
          && $0.contains(#""priority":"Notice""#)
      })
    #expect(
      falco.allSatisfy {
        $0.contains(#""output_fields":"#) && $0.contains(#""source":"k8s_audit""#)
      })
    // The file sink: every alert, one JSON line each.
    let archive = rig.directory.appendingPathComponent("alerts.jsonl")
    try await Self.eventually("the file sink wrote 3 lines") {
      (try? String(contentsOf: archive, encoding: .utf8))?.split(separator: "\n").count == 3
    }

    #expect(server.stop() == 0)
    let store = try SQLiteStore(path: rig.storePath)
    #expect(try store.counts().alerts == 3)
    for sink in ["soc", "chat", "sidekick", "archive"] { #expect(try store.depth(sink: sink) == 0) }
    try await client.shutdown()
    try await rig.stopReceivers()
  }

  @Test(.enabled(if: SharedData.shouldRun, "needs ../shared/anchors/falco-k8saudit"))
  func badRequestsGetTheirStatusAndLeaveTheStoreAsItWas() async throws {
    let rig = try await Rig()
    let server = try ServeProcess(["--config", rig.config.path])
    let port = try await server.port()
    let anonymous = try rig.client(port: port, withCertificate: false)
    let good = try AuditBodies.falcoEventList(["attach_pod"])
    // No client certificate and no token: 401, nothing processed.
    #expect(try await anonymous.send(body: good).status == 401)
    #expect(try await anonymous.send(body: good, token: "wrong").status == 401)
    // A token instead of a certificate is accepted.
    #expect(try await anonymous.send(body: good, token: "t0ken-for-tests").status == 200)
    let token = "t0ken-for-tests"
    #expect(
      try await anonymous.send(body: good, contentType: "text/plain", token: token).status == 415)
    let huge = AuditBodies.eventList(
      (0..<200).map { AuditBodies.exec(id: "big-\($0)", pod: "p\($0)") })
    #expect(try await anonymous.send(body: huge, token: token).status == 413)
    #expect(try await anonymous.send(.GET, token: token).status == 405)
    let notJSON = try await anonymous.send(body: Array("{\"items\":[".utf8), token: token)
    #expect(notJSON.status == 400)
    #expect(notJSON.body.contains("not JSON"))
    let notAudit = try await anonymous.send(body: Array(#"{"hello":"world"}"#.utf8), token: token)
    #expect(notAudit.status == 400)
    #expect(try await anonymous.send(.GET, path: "/healthz").status == 200)
    #expect(try await anonymous.send(.GET, path: "/readyz").status == 200)
    let metrics = try await anonymous.send(.GET, path: "/metrics").body
    #expect(metrics.contains(#"vigil_webhook_unauthenticated_total 2"#))
    #expect(metrics.contains(#"vigil_webhook_requests_total{code="413"} 1"#))

    try await Self.eventually("the one good event was alerted") {
      rig.sidekick.requests.count == 1
    }
    #expect(server.stop() == 0)
    let store = try SQLiteStore(path: rig.storePath)
    #expect(try store.counts().alerts == 1)
    #expect(try store.alerts(AlertQuery()).first?.record.rule == "Exec or Attach Into Pod by Human")
    try await anonymous.shutdown()
    try await rig.stopReceivers()
  }

  @Test(.enabled(if: SharedData.shouldRun, "needs ../shared/anchors/falco-k8saudit"))
  func aBadRuleFileOnReloadKeepsTheOldRulesAndAGoodOneTakesEffect() async throws {
    let scratch = try AuditBodies.directory()
    let rules = scratch.appendingPathComponent("rules.yaml")
    try Self.rule("Exec Seen", field: "ka.target.subresource", value: "exec")
      .write(to: rules, atomically: true, encoding: .utf8)
    let rig = try await Rig(rules: [rules.path])
    let server = try ServeProcess(["--config", rig.config.path])
    let port = try await server.port()
    let client = try rig.client(port: port, withCertificate: true)

    try "- rule: [broken".write(to: rules, atomically: true, encoding: .utf8)
    server.signal(SIGHUP)
    try await server.waitForLog("reload failed")
    #expect(
      try await client.send(body: AuditBodies.eventList([AuditBodies.exec(id: "x-1", pod: "a")]))
        .status == 200)
    try await Self.eventually("the old rule still fires") { rig.sidekick.requests.count == 1 }
    #expect(Self.rule(in: rig.sidekick.requests[0].text) == "Exec Seen")

    try Self.rule("Exec Seen Again", field: "ka.target.subresource", value: "exec")
      .write(to: rules, atomically: true, encoding: .utf8)
    server.signal(SIGHUP)
    try await server.waitForLog("reloaded rules and configuration")
    #expect(
      try await client.send(body: AuditBodies.eventList([AuditBodies.exec(id: "x-2", pod: "b")]))
        .status == 200)
    try await Self.eventually("the new rule fires") { rig.sidekick.requests.count == 2 }
    #expect(Self.rule(in: rig.sidekick.requests[1].text) == "Exec Seen Again")
    #expect(server.stop() == 0)
    try await client.shutdown()
    try await rig.stopReceivers()
  }

  @Test func aRotatedTokenFileTakesEffectOnReload() async throws {
    let directory = try AuditBodies.directory()
    let tokenFile = directory.appendingPathComponent("token")
    try "first-token\n".write(to: tokenFile, atomically: true, encoding: .utf8)
    let server = try ServeProcess([
      "--listen", "127.0.0.1:0", "--auth-token-file", tokenFile.path,
      "--store", directory.appendingPathComponent("vigil.db").path,
      "--rules", AuditBodies.repository.appendingPathComponent("rules/audit.yaml").path,
    ])
    let client = try WebhookClient(base: "http://127.0.0.1:\(try await server.port())")
    let body = AuditBodies.eventList([AuditBodies.exec(id: "t-1", pod: "a")])
    #expect(try await client.send(body: body, token: "first-token").status == 200)
    try "# rotated\nsecond-token\n".write(to: tokenFile, atomically: true, encoding: .utf8)
    try await server.waitForLog("reloaded rules and configuration")
    #expect(try await client.send(body: body, token: "first-token").status == 401)
    #expect(try await client.send(body: body, token: "second-token").status == 200)
    #expect(server.stop() == 0)
    try await client.shutdown()
  }

  /// A one-rule pack.
  static func rule(_ name: String, field: String, value: String) -> String {
    """
    - rule: \(name)
      desc: test rule
      condition: \(field)=\(value)
      output: \(name) by %ka.user.name on %ka.target.name
      priority: WARNING
      source: k8s_audit
    """
  }

  /// The `"rule"` of an alert JSON text.
  static func rule(in text: String) -> String? {
    guard let range = text.range(of: #""rule":""#) else { return nil }
    return String(text[range.upperBound...].prefix { $0 != "\"" })
  }
}
