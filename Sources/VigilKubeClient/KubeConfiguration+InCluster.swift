import Foundation

extension KubeConfiguration {
  /// The service account's folder mounted into every pod.
  public static let serviceAccountRoot = "/var/run/secrets/kubernetes.io/serviceaccount"

  /// The configuration of a pod talking to its own cluster: `KUBERNETES_SERVICE_HOST`/`_PORT`,
  /// the projected token (re-read as it rotates), `ca.crt` and `namespace` under `root`.
  public static func inCluster(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    root: String = serviceAccountRoot
  ) throws(KubeClientError) -> KubeConfiguration {
    guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
      let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
    else {
      throw KubeClientError(
        .notInCluster, "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set")
    }
    let tokenPath = "\(root)/token"
    guard FileManager.default.isReadableFile(atPath: tokenPath) else {
      throw KubeClientError(.notInCluster, "no service account token at \(tokenPath)")
    }
    // An IPv6 service address needs brackets in the URL.
    let hostPart = host.contains(":") ? "[\(host)]" : host
    let caPath = "\(root)/ca.crt"
    let namespaceBytes = FileManager.default.contents(atPath: "\(root)/namespace")
    let namespace = namespaceBytes.map {
      String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return KubeConfiguration(
      server: "https://\(hostPart):\(port)",
      certificateAuthority: FileManager.default.fileExists(atPath: caPath) ? .file(caPath) : nil,
      token: .file(tokenPath),
      namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default")
  }
}
