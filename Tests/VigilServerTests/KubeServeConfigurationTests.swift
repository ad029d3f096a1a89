import Foundation
import Testing
import VigilKubeClient
import VigilPipeline
import VigilServer

/// How `kube.*` picks the API server connection.
@Suite struct KubeServeConfigurationTests {
  /// A kubeconfig with two contexts, written to a fresh folder; returns its path.
  static func writeKubeconfig() throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-kube-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("config").path
    let text = """
      apiVersion: v1
      kind: Config
      current-context: dev
      clusters:
        - name: dev
          cluster: {server: "https://dev.example:6443", insecure-skip-tls-verify: true}
        - name: prod
          cluster: {server: "https://prod.example:6443", insecure-skip-tls-verify: true}
      users:
        - name: someone
          user: {token: abc}
      contexts:
        - name: dev
          context: {cluster: dev, user: someone}
        - name: prod
          context: {cluster: prod, user: someone}
      """
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func theKubeconfigComesFromTheOptionThenKUBECONFIG() throws {
    let path = try Self.writeKubeconfig()
    defer {
      try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
    var kube = ServeConfiguration.Kube()
    kube.enabled = true
    // Without kube.kubeconfig: $KUBECONFIG's first entry.
    let fromEnvironment = try ClusterWatchService.kubeConfiguration(
      kube, environment: ["KUBECONFIG": "\(path):/elsewhere", "HOME": "/nonexistent"])
    #expect(fromEnvironment.server == "https://dev.example:6443")
    kube.kubeconfig = path
    kube.context = "prod"
    let fromOption = try ClusterWatchService.kubeConfiguration(kube, environment: [:])
    #expect(fromOption.server == "https://prod.example:6443")
    #expect(fromOption.token == KubeConfiguration.Token.inline("abc"))
  }

  @Test func failuresAreKubeClientErrors() throws {
    var kube = ServeConfiguration.Kube()
    kube.enabled = true
    kube.kubeconfig = "/nonexistent/kubeconfig"
    #expect(throws: KubeClientError.self) {
      try ClusterWatchService.kubeConfiguration(kube, environment: [:])
    }
    kube.kubeconfig = nil
    kube.inCluster = true
    let error = #expect(throws: KubeClientError.self) {
      try ClusterWatchService.kubeConfiguration(kube, environment: [:])
    }
    #expect(error?.code == .notInCluster)
  }
}
