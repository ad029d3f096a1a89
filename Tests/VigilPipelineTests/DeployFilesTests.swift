import Foundation
import Testing
import VigilRules
import Yams

@testable import VigilPipeline

/// The files in `deploy/` parse and say what an operator relies on: a policy that never logs
/// Secret bodies, a kubeconfig pointing at the webhook over HTTPS, hardened manifests, a
/// config that `vigil serve` accepts and a multi-stage, non-root image.
@Suite struct DeployFilesTests {
  /// The package root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let deploy = root.appendingPathComponent("deploy")

  /// Every `.yaml` file under `deploy/`.
  static func yamlFiles() throws -> [URL] {
    let enumerator = FileManager.default.enumerator(at: deploy, includingPropertiesForKeys: nil)
    let files = (enumerator?.allObjects as? [URL] ?? []).filter {
      $0.pathExtension == "yaml" || $0.pathExtension == "yml"
    }
    return files.sorted { $0.path < $1.path }
  }

  /// The documents of a YAML file as mappings.
  static func documents(_ url: URL) throws -> [[String: Any]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
  }

  static func documents(_ relative: String) throws -> [[String: Any]] {
    try documents(deploy.appendingPathComponent(relative))
  }

  /// Every manifest under `deploy/kubernetes`.
  static func manifests() throws -> [[String: Any]] {
    try yamlFiles().filter { $0.path.contains("/kubernetes/") }.flatMap { try documents($0) }
  }

  @Test func everyYAMLFileParses() throws {
    let files = try Self.yamlFiles()
    #expect(files.count >= 9, "deploy/ lost files: \(files.map(\.lastPathComponent))")
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      let documents = try Yams.load_all(yaml: text).map { $0 }
      #expect(!documents.isEmpty, "\(file.lastPathComponent) holds no document")
      #expect(text.hasPrefix("#"), "\(file.lastPathComponent) should open with a comment")
    }
  }

  @Test func auditPolicyNeverLogsSecretBodies() throws {
    let policy = try #require(try Self.documents("audit-policy.yaml").first)
    #expect(policy["apiVersion"] as? String == "audit.k8s.io/v1")
    #expect(policy["kind"] as? String == "Policy")
    #expect((policy["omitStages"] as? [String])?.contains("RequestReceived") == true)
    let rules = try #require(policy["rules"] as? [[String: Any]])
    let levels = ["None", "Metadata", "Request", "RequestResponse"]
    for (index, rule) in rules.enumerated() {
      let level = try #require(rule["level"] as? String)
      #expect(levels.contains(level), "rule \(index): level \(level)")
      let resources = (rule["resources"] as? [[String: Any]] ?? []).flatMap {
        $0["resources"] as? [String] ?? []
      }
      let matchesAnyResource = rule["resources"] == nil && rule["nonResourceURLs"] == nil
      if resources.contains("secrets") || matchesAnyResource {
        #expect(
          levels.firstIndex(of: level) ?? 0 <= 1,
          "rule \(index) may match secrets at \(level)")
      }
    }
    let last = try #require(rules.last)
    #expect(Set(last.keys) == ["level"], "the last rule must be a catch-all")
    let secretRule = rules.first { rule in
      (rule["resources"] as? [[String: Any]] ?? []).contains {
        ($0["resources"] as? [String] ?? []).contains("secrets")
      }
    }
    #expect(secretRule?["level"] as? String == "Metadata")
    let exec = rules.first { rule in
      (rule["resources"] as? [[String: Any]] ?? []).contains {
        ($0["resources"] as? [String] ?? []).contains("pods/exec")
      }
    }
    #expect(exec?["level"] as? String == "RequestResponse")
  }

  @Test func webhookKubeconfigPointsAtTheWebhook() throws {
    let config = try #require(try Self.documents("webhook-kubeconfig.yaml").first)
    #expect(config["apiVersion"] as? String == "v1" && config["kind"] as? String == "Config")
    let contextName = try #require(config["current-context"] as? String)
    let contexts = try #require(config["contexts"] as? [[String: Any]])
    let context = try #require(
      contexts.first { $0["name"] as? String == contextName }?["context"] as? [String: Any])
    let clusterName = try #require(context["cluster"] as? String)
    let userName = try #require(context["user"] as? String)
    let clusters = try #require(config["clusters"] as? [[String: Any]])
    let cluster = try #require(
      clusters.first { $0["name"] as? String == clusterName }?["cluster"] as? [String: Any])
    let server = try #require(cluster["server"] as? String)
    #expect(server.hasPrefix("https://") && server.hasSuffix("/k8s-audit"))
    #expect(cluster["certificate-authority"] is String)
    let users = try #require(config["users"] as? [[String: Any]])
    let user = try #require(
      users.first { $0["name"] as? String == userName }?["user"] as? [String: Any])
    #expect(user["client-certificate"] is String && user["client-key"] is String)
    let text = try String(
      contentsOf: Self.deploy.appendingPathComponent("webhook-kubeconfig.yaml"), encoding: .utf8)
    for flag in [
      "--audit-policy-file", "--audit-webhook-config-file", "--audit-webhook-batch-max-size",
      "--audit-webhook-mode=batch",
    ] {
      #expect(text.contains(flag), "\(flag) not explained")
    }
  }

  @Test func manifestsAreCompleteAndRBACIsNarrow() throws {
    let manifests = try Self.manifests()
    let kinds = Set(manifests.compactMap { $0["kind"] as? String })
    #expect(
      kinds.isSuperset(of: [
        "Namespace", "ServiceAccount", "Deployment", "Service", "PersistentVolumeClaim",
        "ConfigMap",
        "NetworkPolicy", "ClusterRole", "ClusterRoleBinding",
      ]))
    for manifest in manifests {
      #expect(manifest["apiVersion"] is String && manifest["kind"] is String)
      let metadata = manifest["metadata"] as? [String: Any]
      #expect(metadata?["name"] is String, "\(manifest["kind"] ?? "?") without metadata.name")
    }
    for manifest in manifests where ["Role", "ClusterRole"].contains(manifest["kind"] as? String) {
      for rule in manifest["rules"] as? [[String: Any]] ?? [] {
        let values = ["apiGroups", "resources", "verbs", "resourceNames"].flatMap {
          rule[$0] as? [String] ?? []
        }
        #expect(!values.contains("*"), "wildcard in \(manifest["metadata"] ?? "?")")
        #expect(!values.contains("secrets"), "secrets granted in \(manifest["metadata"] ?? "?")")
      }
    }
    let serviceAccount = try #require(manifests.first { $0["kind"] as? String == "ServiceAccount" })
    #expect(serviceAccount["automountServiceAccountToken"] as? Bool == false)
    let policy = try #require(manifests.first { $0["kind"] as? String == "NetworkPolicy" })
    let ingress = (policy["spec"] as? [String: Any])?["ingress"] as? [[String: Any]] ?? []
    let ports = ingress.flatMap { $0["ports"] as? [[String: Any]] ?? [] }.compactMap {
      $0["port"] as? Int
    }
    #expect(ports == [8443])
  }

  /// `KubeResource.inventory` of VigilKubeClient as `group/plural` (this target does not depend
  /// on VigilKubeClient; keep the two in step).
  static let inventoryResources: Set<String> = [
    "/namespaces", "/nodes", "/pods", "/services", "discovery.k8s.io/endpointslices",
    "networking.k8s.io/ingresses", "networking.k8s.io/networkpolicies",
    "gateway.networking.k8s.io/gateways", "gateway.networking.k8s.io/httproutes",
    "apps/deployments", "apps/replicasets", "apps/statefulsets", "apps/daemonsets", "batch/jobs",
    "batch/cronjobs", "rbac.authorization.k8s.io/roles", "rbac.authorization.k8s.io/clusterroles",
    "rbac.authorization.k8s.io/rolebindings", "rbac.authorization.k8s.io/clusterrolebindings",
    "admissionregistration.k8s.io/validatingwebhookconfigurations",
    "admissionregistration.k8s.io/mutatingwebhookconfigurations",
  ]

  @Test func inventoryClusterRoleReadsExactlyTheInventory() throws {
    let manifests = try Self.manifests()
    let role = try #require(
      manifests.first {
        $0["kind"] as? String == "ClusterRole"
          && ($0["metadata"] as? [String: Any])?["name"] as? String == "vigil-inventory"
      })
    var granted = Set<String>()
    for rule in role["rules"] as? [[String: Any]] ?? [] {
      let groups = rule["apiGroups"] as? [String] ?? []
      let resources = rule["resources"] as? [String] ?? []
      let verbs = rule["verbs"] as? [String] ?? []
      #expect(Set(verbs) == ["get", "list", "watch"], "verbs \(verbs)")
      #expect(rule["resourceNames"] == nil && rule["nonResourceURLs"] == nil)
      for value in groups + resources + verbs {
        #expect(!value.contains("*"), "wildcard \(value)")
        #expect(value != "secrets", "secrets granted")
      }
      for group in groups { for resource in resources { granted.insert("\(group)/\(resource)") } }
    }
    #expect(granted == Self.inventoryResources)
    let binding = try #require(
      manifests.first {
        $0["kind"] as? String == "ClusterRoleBinding"
          && ($0["roleRef"] as? [String: Any])?["name"] as? String == "vigil-inventory"
      })
    #expect((binding["roleRef"] as? [String: Any])?["kind"] as? String == "ClusterRole")
    let subjects = binding["subjects"] as? [[String: Any]] ?? []
    #expect(subjects.count == 1)
    #expect(subjects.first?["kind"] as? String == "ServiceAccount")
    #expect(subjects.first?["name"] as? String == "vigil")
    #expect(subjects.first?["namespace"] as? String == "vigil-system")
    // The pod mounts the token (the inventory needs it); the account does not by default.
    let deployment = try #require(manifests.first { $0["kind"] as? String == "Deployment" })
    let pod = ((deployment["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"]
    #expect((pod as? [String: Any])?["automountServiceAccountToken"] as? Bool == true)
    #expect((pod as? [String: Any])?["serviceAccountName"] as? String == "vigil")
  }

  @Test func agentDaemonSetHasOnlyWhatItNeeds() throws {
    let manifests = try Self.manifests()
    let daemonSet = try #require(manifests.first { $0["kind"] as? String == "DaemonSet" })
    let metadata = try #require(daemonSet["metadata"] as? [String: Any])
    #expect(metadata["namespace"] as? String == "vigil-agent")
    let namespace = try #require(
      manifests.first {
        $0["kind"] as? String == "Namespace"
          && ($0["metadata"] as? [String: Any])?["name"] as? String == "vigil-agent"
      })
    let labels = (namespace["metadata"] as? [String: Any])?["labels"] as? [String: Any]
    #expect(labels?["pod-security.kubernetes.io/enforce"] as? String == "privileged")
    let pod = try #require(
      ((daemonSet["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"]
        as? [String: Any])
    #expect(pod["hostNetwork"] as? Bool == true)
    #expect(pod["automountServiceAccountToken"] as? Bool == false)
    #expect(pod["serviceAccountName"] as? String == "vigil-agent")
    let account = try #require(
      manifests.first {
        $0["kind"] as? String == "ServiceAccount"
          && ($0["metadata"] as? [String: Any])?["name"] as? String == "vigil-agent"
      })
    #expect(account["automountServiceAccountToken"] as? Bool == false)
    // No RBAC binding names the agent: it never calls the API.
    for binding in manifests where (binding["kind"] as? String)?.hasSuffix("Binding") == true {
      let subjects = binding["subjects"] as? [[String: Any]] ?? []
      #expect(!subjects.contains { $0["name"] as? String == "vigil-agent" })
    }
    let containers = try #require(pod["containers"] as? [[String: Any]])
    #expect(containers.count == 1)
    let container = try #require(containers.first)
    let security = try #require(container["securityContext"] as? [String: Any])
    #expect(security["privileged"] == nil)
    #expect(security["readOnlyRootFilesystem"] as? Bool == true)
    #expect(security["allowPrivilegeEscalation"] as? Bool == false)
    let capabilities = try #require(security["capabilities"] as? [String: Any])
    #expect(capabilities["drop"] as? [String] == ["ALL"])
    #expect(Set(capabilities["add"] as? [String] ?? []) == ["NET_ADMIN", "NET_RAW"])
    let arguments = container["args"] as? [String] ?? []
    #expect(container["command"] as? [String] == ["/usr/local/bin/vigil-agent"])
    #expect(arguments.contains { $0.hasPrefix("--server=https://") })
    #expect(arguments.contains { $0.hasPrefix("--metrics-listen=127.0.0.1:") })
  }

  @Test func deploymentIsHardened() throws {
    let deployment = try #require(
      try Self.manifests().first { $0["kind"] as? String == "Deployment" })
    let spec = try #require(deployment["spec"] as? [String: Any])
    #expect(spec["replicas"] as? Int == 1)
    #expect((spec["strategy"] as? [String: Any])?["type"] as? String == "Recreate")
    let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
    let podSecurity = try #require(pod["securityContext"] as? [String: Any])
    #expect(podSecurity["runAsNonRoot"] as? Bool == true)
    #expect((podSecurity["runAsUser"] as? Int ?? 0) != 0)
    #expect(
      (podSecurity["seccompProfile"] as? [String: Any])?["type"] as? String == "RuntimeDefault")
    let containers = try #require(pod["containers"] as? [[String: Any]])
    for container in containers {
      let security = try #require(container["securityContext"] as? [String: Any])
      #expect(security["readOnlyRootFilesystem"] as? Bool == true)
      #expect(security["allowPrivilegeEscalation"] as? Bool == false)
      #expect((security["capabilities"] as? [String: Any])?["drop"] as? [String] == ["ALL"])
      for probe in ["livenessProbe", "readinessProbe"] {
        let get = (container[probe] as? [String: Any])?["httpGet"] as? [String: Any]
        #expect(get?["scheme"] as? String == "HTTPS", "\(probe) not over HTTPS")
      }
    }
  }

  @Test func configMapConfigResolvesAndItsRulesLoad() throws {
    let configMap = try #require(
      try Self.manifests().first { $0["kind"] as? String == "ConfigMap" })
    let data = try #require(configMap["data"] as? [String: String])
    let yaml = try #require(data["config.yaml"])
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    // The token file is in the Secret, mounted only in the pod: stand in a local one.
    let token = try fixture.write("token", "a-token\n")
    let path = try fixture.write("config.yaml", yaml)
    let configuration = try ServeConfiguration.resolve(
      file: path, environment: ["VIGIL_AUTH_TOKEN_FILE": token], flags: [:], sinkSpecs: [])
    #expect(configuration.tls.isEnabled && configuration.tls.clientCA != nil)
    #expect(configuration.listen.port == 8443)
    #expect(configuration.store == "/var/lib/vigil/vigil.db")
    #expect(configuration.auth.tokens == ["a-token"])
    #expect(configuration.kube.enabled && configuration.kube.inCluster)
    #expect(!configuration.sinks.isEmpty)
    // The shipped rules then the ConfigMap's local rules compile together.
    let shipped = try String(
      contentsOf: Self.root.appendingPathComponent("rules/audit.yaml"), encoding: .utf8)
    let local = try #require(data["local-rules.yaml"])
    _ = try RuleLoader().load(texts: [("audit.yaml", shipped), ("local.yaml", local)])
  }

  @Test func dockerfileIsMultiStageAndNonRoot() throws {
    let text = try String(
      contentsOf: Self.deploy.appendingPathComponent("Dockerfile"), encoding: .utf8)
    let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(lines.filter { $0.hasPrefix("FROM ") }.count >= 2)
    #expect(lines.contains { $0.hasPrefix("FROM swift:6.3") })
    #expect(text.contains("--static-swift-stdlib"))
    let users = lines.filter { $0.hasPrefix("USER ") }.map {
      $0.dropFirst(5).trimmingCharacters(in: .whitespaces)
    }
    let user = try #require(users.last)
    #expect(!user.hasPrefix("root") && !user.hasPrefix("0"), "runs as \(user)")
    #expect(text.contains(#"ENTRYPOINT ["vigil", "serve", "--config", "/etc/vigil/config.yaml"]"#))
    // Every file the build stage copies from the build context is in the repository (a
    // git-ignored file such as Package.resolved would fail `docker build` on a fresh clone).
    let root = Self.deploy.deletingLastPathComponent()
    for line in lines where line.hasPrefix("COPY ") && !line.contains("--from=") {
      let sources = line.split(separator: " ").dropFirst().dropLast()
      for source in sources {
        #expect(
          FileManager.default.fileExists(atPath: root.appendingPathComponent(String(source)).path),
          "COPY \(source): not in the repository")
      }
    }
  }
}
