import Foundation
import Yams

extension KubeConfiguration {
  /// Loads the cluster and user of one context of a kubeconfig file (the `current-context` when
  /// `context` is nil). Relative file paths are resolved against the kubeconfig's directory.
  public static func fromKubeconfig(path: String, context: String? = nil) throws(KubeClientError)
    -> KubeConfiguration
  {
    let bytes = try readFile(path, what: "kubeconfig")
    let text = String(decoding: bytes, as: UTF8.self)
    let loaded: Any?
    do {
      loaded = try Yams.load(yaml: text)
    } catch {
      throw KubeClientError(.invalidKubeconfig, "\(path) is not valid YAML: \(error)")
    }
    guard let root = loaded as? [String: Any] else {
      throw KubeClientError(.invalidKubeconfig, "\(path) is not a YAML mapping")
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return try Kubeconfig(root: root, path: path, directory: directory).configuration(
      context: context)
  }

  /// `$KUBECONFIG`'s first entry, else `$HOME/.kube/config`.
  public static func defaultKubeconfigPath(environment: [String: String]) -> String {
    if let list = environment["KUBECONFIG"],
      let first = list.split(separator: ":").first(where: { !$0.isEmpty })
    {
      return String(first)
    }
    return "\(environment["HOME"] ?? "~")/.kube/config"
  }
}

/// The parsed kubeconfig mapping and the lookups that turn one context into a configuration.
private struct Kubeconfig {
  var root: [String: Any]
  var path: String
  var directory: String

  func configuration(context requested: String?) throws(KubeClientError) -> KubeConfiguration {
    let contextName: String
    if let requested {
      contextName = requested
    } else if let current = root["current-context"] as? String, !current.isEmpty {
      contextName = current
    } else {
      throw KubeClientError(.contextNotFound, "\(path) has no current-context; name a context")
    }
    guard let context = entry("contexts", named: contextName, field: "context") else {
      throw KubeClientError(.contextNotFound, "context \"\(contextName)\" is not in \(path)")
    }
    let clusterName = context["cluster"] as? String ?? ""
    guard let cluster = entry("clusters", named: clusterName, field: "cluster") else {
      throw KubeClientError(
        .clusterNotFound,
        "cluster \"\(clusterName)\" of context \"\(contextName)\" is not in \(path)")
    }
    let userName = context["user"] as? String ?? ""
    // A context without a user is valid (anonymous access); a named but absent user is not.
    let user: [String: Any]
    if userName.isEmpty {
      user = [:]
    } else if let found = entry("users", named: userName, field: "user") {
      user = found
    } else {
      throw KubeClientError(
        .userNotFound, "user \"\(userName)\" of context \"\(contextName)\" is not in \(path)")
    }
    guard let server = cluster["server"] as? String, !server.isEmpty else {
      throw KubeClientError(.invalidKubeconfig, "cluster \"\(clusterName)\" has no server")
    }
    var configuration = KubeConfiguration(
      server: server,
      certificateAuthority: try material(
        cluster, data: "certificate-authority-data", file: "certificate-authority"),
      insecureSkipTLSVerify: cluster["insecure-skip-tls-verify"] as? Bool ?? false,
      namespace: (context["namespace"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? "default")
    if let token = user["token"] as? String, !token.isEmpty {
      configuration.token = .inline(token)
    } else if let file = user["tokenFile"] as? String, !file.isEmpty {
      configuration.token = .file(KubeConfiguration.resolve(file, relativeTo: directory))
    }
    let certificate = try material(
      user, data: "client-certificate-data", file: "client-certificate")
    let key = try material(user, data: "client-key-data", file: "client-key")
    switch (certificate, key) {
    case (let certificate?, let key?):
      configuration.clientCertificate = .init(certificate: certificate, key: key)
    case (nil, nil):
      break
    default:
      throw KubeClientError(
        .invalidKubeconfig, "user \"\(userName)\" needs both a client certificate and a key")
    }
    if let exec = user["exec"] {
      configuration.exec = try plugin(exec, user: userName)
    }
    return configuration
  }

  /// The `field` mapping of the element of the `list` whose `name` is `name`.
  private func entry(_ list: String, named name: String, field: String) -> [String: Any]? {
    guard let entries = root[list] as? [Any] else { return nil }
    for case let entry as [String: Any] in entries where entry["name"] as? String == name {
      return entry[field] as? [String: Any] ?? [:]
    }
    return nil
  }

  /// Base64 `data` inline (preferred, as kubectl does), else the `file` path resolved.
  private func material(_ mapping: [String: Any], data: String, file: String)
    throws(KubeClientError) -> KubeConfiguration.Material?
  {
    if let encoded = mapping[data] as? String, !encoded.isEmpty {
      let compact = encoded.filter { !$0.isWhitespace }
      guard let decoded = Data(base64Encoded: compact) else {
        throw KubeClientError(.invalidKubeconfig, "\(data) is not valid base64")
      }
      return .data([UInt8](decoded))
    }
    if let path = mapping[file] as? String, !path.isEmpty {
      return .file(KubeConfiguration.resolve(path, relativeTo: directory))
    }
    return nil
  }

  private func plugin(_ value: Any, user: String) throws(KubeClientError) -> ExecCredentialPlugin {
    guard let exec = value as? [String: Any], let command = exec["command"] as? String,
      !command.isEmpty
    else {
      throw KubeClientError(.invalidKubeconfig, "exec of user \"\(user)\" has no command")
    }
    let apiVersion = exec["apiVersion"] as? String ?? ""
    guard ExecCredentialPlugin.supportedAPIVersions.contains(apiVersion) else {
      throw KubeClientError(
        .invalidKubeconfig,
        "exec of user \"\(user)\" has apiVersion \"\(apiVersion)\"; supported: "
          + ExecCredentialPlugin.supportedAPIVersions.joined(separator: ", "))
    }
    let arguments = (exec["args"] as? [Any] ?? []).map { "\($0)" }
    var environment: [String: String] = [:]
    for case let variable as [String: Any] in exec["env"] as? [Any] ?? [] {
      if let name = variable["name"] as? String {
        environment[name] = variable["value"].map { "\($0)" } ?? ""
      }
    }
    return ExecCredentialPlugin(
      command: command, arguments: arguments, environment: environment, apiVersion: apiVersion,
      directory: directory)
  }
}
