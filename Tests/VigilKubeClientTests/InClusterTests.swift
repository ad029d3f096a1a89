import Foundation
import Testing

@testable import VigilKubeClient

@Suite struct InClusterTests {
  @Test func readsTheServiceAccountFolder() throws {
    let root = try TestSupport.temporaryDirectory()
    try TestSupport.write("eyJhbGciOi.token\n", to: "token", in: root)
    try TestSupport.write("monitoring\n", to: "namespace", in: root)
    let ca = try String(
      contentsOfFile: try TestSupport.certificates().caCertificate, encoding: .utf8)
    try TestSupport.write(ca, to: "ca.crt", in: root)
    let configuration = try KubeConfiguration.inCluster(
      environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
      root: root.path)
    #expect(configuration.server == "https://10.96.0.1:443")
    #expect(configuration.token == .file(root.path + "/token"))
    #expect(configuration.certificateAuthority == .file(root.path + "/ca.crt"))
    #expect(configuration.namespace == "monitoring")
  }

  @Test func ipv6ServiceHostIsBracketed() throws {
    let root = try TestSupport.temporaryDirectory()
    try TestSupport.write("t", to: "token", in: root)
    let configuration = try KubeConfiguration.inCluster(
      environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"],
      root: root.path)
    #expect(configuration.server == "https://[fd00::1]:443")
    #expect(configuration.certificateAuthority == nil)
    #expect(configuration.namespace == "default")
  }

  @Test func outsideAClusterIsAClearError() throws {
    let root = try TestSupport.temporaryDirectory()
    let noEnvironment = #expect(throws: KubeClientError.self) {
      try KubeConfiguration.inCluster(environment: [:], root: root.path)
    }
    #expect(noEnvironment?.code == .notInCluster)
    let noToken = #expect(throws: KubeClientError.self) {
      try KubeConfiguration.inCluster(
        environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
        root: root.path)
    }
    #expect(noToken?.message.contains("token") == true)
  }
}
