import Foundation

/// The checks that need every source merged: listen default, TLS and mTLS pairing, token and
/// secret files, sinks (unique names, required options), the Kubernetes connection.
extension ConfigResolution {
  /// The validated configuration.
  mutating func finish() throws(ConfigurationError) -> ServeConfiguration {
    var configuration = self.configuration
    if origins["listen"] == nil {
      configuration.listen.port = configuration.tls.isEnabled ? 8443 : 8080
    }
    try checkTLS(configuration.tls)
    try checkKube(configuration.kube)
    if configuration.rules.isEmpty {
      throw ConfigurationError(.missingValue, at: origin("rules"), "rules: at least one rule file")
    }
    if let tokenFile = configuration.auth.tokenFile {
      let text = try Self.readSecret(tokenFile, at: origin("auth.tokenFile"), key: "auth.tokenFile")
      let tokens = text.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
      guard !tokens.isEmpty else {
        throw ConfigurationError(
          .invalidValue, at: origin("auth.tokenFile"),
          "auth.tokenFile: \(tokenFile) holds no token (one per line)")
      }
      configuration.auth.tokens += tokens.filter { !configuration.auth.tokens.contains($0) }
    }
    if let drafts = sinks {
      configuration.sinks = []
      configuration.sinkSecretFiles = [:]
      for draft in drafts {
        var sink = draft.sink
        if configuration.sinks.contains(where: { $0.name == sink.name }) {
          throw ConfigurationError(
            .conflict, at: draft.location, "\(draft.path): two sinks are named \"\(sink.name)\"")
        }
        try Self.checkSink(draft)
        if let secretFile = draft.secretFile {
          let location = draft.origins["secretFile"] ?? draft.location
          let text = try Self.readSecret(secretFile, at: location, key: "\(draft.path).secretFile")
          sink.secret = String(text.trimmingSuffix(while: \.isNewline))
          configuration.sinkSecretFiles[sink.name] = secretFile
        }
        configuration.sinks.append(sink)
      }
    }
    return configuration
  }

  /// `kube.inCluster` reads the pod's service account: a kubeconfig or context beside it is a
  /// mistake (one of the two would be ignored).
  private func checkKube(_ kube: ServeConfiguration.Kube) throws(ConfigurationError) {
    guard kube.inCluster else { return }
    for (key, value) in [("kube.kubeconfig", kube.kubeconfig), ("kube.context", kube.context)]
    where value != nil {
      throw ConfigurationError(
        .conflict, at: origin(key),
        "\(key) is set but kube.inCluster is true (in-cluster uses the service account)")
    }
  }

  /// Certificate and key together; a client CA only with TLS; a required client certificate
  /// only with a client CA.
  private func checkTLS(_ tls: ServeConfiguration.TLS) throws(ConfigurationError) {
    if tls.certificate != nil, tls.key == nil {
      throw ConfigurationError(
        .conflict, at: origin("tls.certificate"),
        "tls.certificate is set but tls.key is not (set both or neither)")
    }
    if tls.key != nil, tls.certificate == nil {
      throw ConfigurationError(
        .conflict, at: origin("tls.key"),
        "tls.key is set but tls.certificate is not (set both or neither)")
    }
    if tls.clientCA != nil, !tls.isEnabled {
      throw ConfigurationError(
        .conflict, at: origin("tls.clientCA"),
        "tls.clientCA needs TLS: set tls.certificate and tls.key")
    }
    if tls.requireClientCertificate, tls.clientCA == nil {
      throw ConfigurationError(
        .conflict, at: origin("tls.requireClientCertificate"),
        "tls.requireClientCertificate needs tls.clientCA to verify client certificates")
    }
  }

  /// The options a sink's kind needs.
  private static func checkSink(_ draft: SinkDraft) throws(ConfigurationError) {
    let sink = draft.sink
    switch sink.kind {
    case .stdout:
      break
    case .file:
      guard let path = sink.path, !path.isEmpty else {
        throw ConfigurationError(
          .missingValue, at: draft.location, "\(draft.path).path: a file sink needs a path")
      }
    case .webhook, .slack, .falcosidekick:
      guard let url = sink.url, !url.isEmpty else {
        throw ConfigurationError(
          .missingValue, at: draft.location,
          "\(draft.path).url: a \(sink.kind.rawValue) sink needs a url")
      }
      let lower = url.lowercased()
      guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
        let components = URLComponents(string: url), components.host?.isEmpty == false
      else {
        throw ConfigurationError(
          .invalidValue, at: draft.origins["url"] ?? draft.location,
          "\(draft.path).url: \"\(url)\" is not an http(s) URL")
      }
      if sink.maxBackoff < sink.initialBackoff {
        throw ConfigurationError(
          .conflict, at: draft.origins["maxBackoff"] ?? draft.location,
          "\(draft.path).maxBackoff is shorter than initialBackoff")
      }
    }
  }

  /// The text of a token or secret file.
  private static func readSecret(
    _ path: String, at location: ConfigurationError.Location, key: String
  ) throws(ConfigurationError) -> String {
    do {
      return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ConfigurationError(
        .unreadableFile, at: location,
        "\(key): cannot read \(path): \(ServeConfiguration.reason(error))")
    }
  }
}

extension StringProtocol {
  /// Without the trailing characters matching `predicate`.
  func trimmingSuffix(while predicate: (Character) -> Bool) -> SubSequence {
    var end = endIndex
    while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
    return self[startIndex..<end]
  }
}
