import Foundation
import Testing

@testable import VigilKubeClient

@Suite struct KubeconfigTests {
  /// A kubeconfig with three contexts: token + CA data, client cert data, exec plugin.
  private func kubeconfig(in directory: URL) throws -> String {
    let certificates = try TestSupport.certificates()
    let ca = try TestSupport.base64(ofFile: certificates.caCertificate)
    let cert = try TestSupport.base64(ofFile: certificates.clientCertificate)
    let key = try TestSupport.base64(ofFile: certificates.clientKey)
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("pki"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: certificates.caCertificate,
      toPath: directory.appendingPathComponent("pki/ca.pem").path)
    let yaml = """
      apiVersion: v1
      kind: Config
      current-context: prod
      preferences: {}
      clusters:
      - name: prod-cluster
        cluster:
          server: https://10.0.0.1:6443/
          certificate-authority-data: \(ca)
      - name: lab-cluster
        cluster:
          server: https://lab.example.com
          certificate-authority: pki/ca.pem
      - name: dev-cluster
        cluster:
          server: https://dev.example.com
          insecure-skip-tls-verify: true
      users:
      - name: prod-admin
        user:
          token: sekrit-token
      - name: lab-user
        user:
          client-certificate-data: \(cert)
          client-key-data: \(key)
      - name: dev-sso
        user:
          exec:
            apiVersion: client.authentication.k8s.io/v1beta1
            command: ./bin/get-token
            args: ["--cluster", "dev", "--quiet"]
            env:
            - name: AWS_PROFILE
              value: dev
            interactiveMode: Never
      - name: file-user
        user:
          tokenFile: tokens/sa
      contexts:
      - name: prod
        context: {cluster: prod-cluster, user: prod-admin, namespace: payments}
      - name: lab
        context: {cluster: lab-cluster, user: lab-user}
      - name: dev
        context: {cluster: dev-cluster, user: dev-sso}
      - name: files
        context: {cluster: lab-cluster, user: file-user}
      - name: broken-user
        context: {cluster: prod-cluster, user: nobody}
      - name: broken-cluster
        context: {cluster: nowhere, user: prod-admin}
      """
    return try TestSupport.write(yaml, to: "config", in: directory)
  }

  @Test func currentContextWithTokenAndInlineCA() throws {
    let directory = try TestSupport.temporaryDirectory()
    let path = try kubeconfig(in: directory)
    let configuration = try KubeConfiguration.fromKubeconfig(path: path)
    #expect(configuration.server == "https://10.0.0.1:6443")
    #expect(configuration.token == .inline("sekrit-token"))
    #expect(configuration.namespace == "payments")
    #expect(configuration.insecureSkipTLSVerify == false)
    let ca = try Data(
      contentsOf: URL(fileURLWithPath: try TestSupport.certificates().caCertificate))
    #expect(configuration.certificateAuthority == .data([UInt8](ca)))
  }

  @Test func clientCertificateDataAndCAFileRelativeToTheKubeconfig() async throws {
    let directory = try TestSupport.temporaryDirectory()
    let path = try kubeconfig(in: directory)
    let configuration = try KubeConfiguration.fromKubeconfig(path: path, context: "lab")
    #expect(configuration.certificateAuthority == .file(directory.path + "/pki/ca.pem"))
    let certificate = try Data(
      contentsOf: URL(fileURLWithPath: try TestSupport.certificates().clientCertificate))
    #expect(configuration.clientCertificate?.certificate == .data([UInt8](certificate)))
    #expect(configuration.token == nil)
    #expect(configuration.namespace == "default")
    // The relative CA file is readable through the resolved path: the client builds.
    let client = try KubeClient(configuration, logger: TestSupport.logger)
    try await client.shutdown()
  }

  @Test func execPluginAndInsecureCluster() throws {
    let directory = try TestSupport.temporaryDirectory()
    let path = try kubeconfig(in: directory)
    let configuration = try KubeConfiguration.fromKubeconfig(path: path, context: "dev")
    #expect(configuration.insecureSkipTLSVerify)
    let exec = try #require(configuration.exec)
    #expect(exec.command == "./bin/get-token")
    #expect(exec.arguments == ["--cluster", "dev", "--quiet"])
    #expect(exec.environment == ["AWS_PROFILE": "dev"])
    #expect(exec.apiVersion == "client.authentication.k8s.io/v1beta1")
    #expect(try exec.resolvedExecutable() == directory.path + "/bin/get-token")
  }

  @Test func tokenFileIsResolvedRelativeToTheKubeconfig() throws {
    let directory = try TestSupport.temporaryDirectory()
    let path = try kubeconfig(in: directory)
    let configuration = try KubeConfiguration.fromKubeconfig(path: path, context: "files")
    #expect(configuration.token == .file(directory.path + "/tokens/sa"))
  }

  @Test func missingEntriesAreNamed() throws {
    let directory = try TestSupport.temporaryDirectory()
    let path = try kubeconfig(in: directory)
    let cases: [(String, KubeClientError.Code, String)] = [
      ("staging", .contextNotFound, "\"staging\""),
      ("broken-user", .userNotFound, "\"nobody\""),
      ("broken-cluster", .clusterNotFound, "\"nowhere\""),
    ]
    for (context, code, name) in cases {
      let error = #expect(throws: KubeClientError.self) {
        try KubeConfiguration.fromKubeconfig(path: path, context: context)
      }
      #expect(error?.code == code)
      #expect(error?.message.contains(name) == true)
    }
    let missing = #expect(throws: KubeClientError.self) {
      try KubeConfiguration.fromKubeconfig(path: directory.path + "/absent")
    }
    #expect(missing?.code == .unreadableFile)
  }

  @Test func unsupportedExecVersionAndBadYAMLAreRejected() throws {
    let directory = try TestSupport.temporaryDirectory()
    let yaml = """
      current-context: a
      clusters: [{name: c, cluster: {server: "https://x"}}]
      users: [{name: u, user: {exec: {command: aws, apiVersion: client.authentication.k8s.io/v1alpha1}}}]
      contexts: [{name: a, context: {cluster: c, user: u}}]
      """
    let path = try TestSupport.write(yaml, to: "config", in: directory)
    let error = #expect(throws: KubeClientError.self) {
      try KubeConfiguration.fromKubeconfig(path: path)
    }
    #expect(error?.code == .invalidKubeconfig)
    #expect(error?.message.contains("v1alpha1") == true)
    let bad = try TestSupport.write("clusters: [", to: "bad", in: directory)
    #expect(throws: KubeClientError.self) { try KubeConfiguration.fromKubeconfig(path: bad) }
  }

  @Test func defaultPathPrefersKUBECONFIG() {
    #expect(
      KubeConfiguration.defaultKubeconfigPath(environment: ["KUBECONFIG": "/a:/b", "HOME": "/h"])
        == "/a")
    #expect(
      KubeConfiguration.defaultKubeconfigPath(environment: ["HOME": "/h"]) == "/h/.kube/config")
  }
}
