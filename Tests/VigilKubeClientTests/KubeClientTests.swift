import Foundation
import Testing
import VigilHTTPTesting
import VigilJSON

@testable import VigilKubeClient

@Suite struct KubeClientTests {
  private let pods = KubeResource.inventory(kind: "Pod")!
  private let services = KubeResource.inventory(kind: "Service")!
  private let ingresses = KubeResource.inventory(kind: "Ingress")!

  private func podItems(_ count: Int) -> [String] {
    (1...count).map {
      APIFixtures.pod(
        name: "checkout-\($0)", ip: "10.244.1.\($0)", resourceVersion: "\(400 + $0)",
        uid: "pod-uid-\($0)")
    }
  }

  @Test func listsPagesWithLimitAndContinue() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    server.setList("/api/v1/pods", kind: "PodList", resourceVersion: "1200", items: podItems(3))
    let all = try await TestSupport.withClient(
      try TestSupport.configuration(server, token: .inline("good"))
    ) { client in
      try await client.listAll(pods, pageSize: 2)
    }
    #expect(all.resourceVersion == "1200")
    #expect(
      all.items.map { $0.value(atPath: "metadata", "name")?.string } == [
        "checkout-1", "checkout-2", "checkout-3",
      ])
    #expect(
      all.items.map { $0.value(atPath: "status", "podIP")?.string } == [
        "10.244.1.1", "10.244.1.2", "10.244.1.3",
      ])
    #expect(
      all.items[0].value(atPath: "metadata", "ownerReferences")?[0]?["kind"]?.string == "ReplicaSet"
    )
    let requests = server.requests
    #expect(requests.count == 2)
    #expect(requests.map { $0.query["limit"] } == ["2", "2"])
    #expect(requests.map { $0.query["continue"] } == [nil, "page-2"])
    #expect(requests.allSatisfy { $0.authorization == "Bearer good" })
    try await server.stop()
  }

  @Test func listsServicesAndIngressesInANamespace() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    server.setList(
      "/api/v1/namespaces/shop/services", kind: "ServiceList", resourceVersion: "77",
      items: [APIFixtures.service(name: "checkout", clusterIP: "10.96.4.20", resourceVersion: "70")]
    )
    server.setList(
      "/apis/networking.k8s.io/v1/namespaces/shop/ingresses", kind: "IngressList",
      resourceVersion: "78",
      items: [APIFixtures.ingress(name: "shop", host: "shop.example.com", resourceVersion: "71")])
    try await TestSupport.withClient(try TestSupport.configuration(server, token: .inline("good")))
    {
      client in
      let page = try await client.list(services, namespace: "shop")
      #expect(page.continueToken == nil)
      #expect(page.items.first?.value(atPath: "spec", "clusterIP")?.string == "10.96.4.20")
      let ingress = try await client.list(ingresses, namespace: "shop")
      #expect(ingress.resourceVersion == "78")
      #expect(
        ingress.items.first?.value(atPath: "spec", "rules")?[0]?["host"]?.string
          == "shop.example.com")
    }
    try await server.stop()
  }

  @Test func wrongTokenIsUnauthorized() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    server.setList("/api/v1/pods", kind: "PodList", resourceVersion: "1", items: [])
    let error = await #expect(throws: KubeClientError.self) {
      try await TestSupport.withClient(try TestSupport.configuration(server, token: .inline("bad")))
      {
        try await $0.list(pods)
      }
    }
    #expect(error?.code == .unauthorized)
    #expect(error?.status == 401)
    #expect(error?.message.contains("Unauthorized") == true)
    // A fixed token cannot be refreshed: one request, no retry.
    #expect(server.requests.count == 1)
    try await server.stop()
  }

  @Test func untrustedServerCertificateIsATransportError() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    server.setList("/api/v1/pods", kind: "PodList", resourceVersion: "1", items: [])
    let certificates = try TestSupport.certificates()
    // The rogue CA did not sign the server's certificate.
    let configuration = KubeConfiguration(
      server: server.url,
      certificateAuthority: .file(certificates.path("rogue-ca.pem")), token: .inline("good"))
    // async-http-client retries a failed handshake until the connect timeout: keep it short.
    let quick = KubeClient.Configuration(connectTimeout: .seconds(1))
    let started = ContinuousClock.now
    let error = await #expect(throws: KubeClientError.self) {
      try await TestSupport.withClient(configuration, clientConfiguration: quick) {
        try await $0.list(pods)
      }
    }
    #expect(error?.code == .transport)
    #expect(ContinuousClock.now - started < .seconds(5))
    #expect(server.requests.isEmpty)
    // Skipping verification reaches it (what `insecure-skip-tls-verify` is for).
    var insecure = configuration
    insecure.insecureSkipTLSVerify = true
    let page = try await TestSupport.withClient(insecure) { try await $0.list(pods) }
    #expect(page.resourceVersion == "1")
    try await server.stop()
  }

  @Test func clientCertificateAuthenticates() async throws {
    let server = try await FakeAPIServer(authentication: .clientCertificate)
    server.setList("/api/v1/pods", kind: "PodList", resourceVersion: "9", items: podItems(1))
    let certificates = try TestSupport.certificates()
    var configuration = try TestSupport.configuration(server)
    configuration.clientCertificate = .init(
      certificate: .file(certificates.clientCertificate), key: .file(certificates.clientKey))
    let page = try await TestSupport.withClient(configuration) { try await $0.list(pods) }
    #expect(page.items.count == 1)
    configuration.clientCertificate = .init(
      certificate: .file(certificates.rogueClientCertificate),
      key: .file(certificates.rogueClientKey))
    let rogue = await #expect(throws: KubeClientError.self) {
      try await TestSupport.withClient(
        configuration, clientConfiguration: KubeClient.Configuration(connectTimeout: .seconds(1))
      ) { try await $0.list(pods) }
    }
    #expect(rogue?.code == .transport)
    try await server.stop()
  }

  @Test func execPluginClientCertificateIsPresented() async throws {
    let server = try await FakeAPIServer(authentication: .clientCertificate)
    server.setList("/api/v1/pods", kind: "PodList", resourceVersion: "9", items: podItems(2))
    let certificates = try TestSupport.certificates()
    let certificate = try String(contentsOfFile: certificates.clientCertificate, encoding: .utf8)
    let key = try String(contentsOfFile: certificates.clientKey, encoding: .utf8)
    let credential = """
      {"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":\
      {"clientCertificateData":\(JSONText.quoted(certificate)),\
      "clientKeyData":\(JSONText.quoted(key))}}
      """
    var configuration = try TestSupport.configuration(server)
    configuration.exec = ExecCredentialPlugin(command: "/bin/echo", arguments: [credential])
    let page = try await TestSupport.withClient(configuration) { try await $0.list(pods) }
    #expect(page.items.count == 2)
    #expect(server.requests.first?.authorization == nil)
    try await server.stop()
  }

  @Test func rotatedTokenFileIsPickedUp() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["first"])
    server.setList("/api/v1/pods", kind: "PodList", resourceVersion: "5", items: [])
    let directory = try TestSupport.temporaryDirectory()
    let tokenPath = try TestSupport.write("first\n", to: "token", in: directory)
    try await TestSupport.withClient(try TestSupport.configuration(server, token: .file(tokenPath)))
    {
      client in
      _ = try await client.list(pods)
      // The kubelet swaps in a new token; the server stops accepting the old one.
      try TestSupport.write("second-longer\n", to: "token", in: directory)
      server.accept(tokens: ["second-longer"])
      _ = try await client.list(pods)
    }
    #expect(server.requests.map(\.authorization) == ["Bearer first", "Bearer second-longer"])
    try await server.stop()
  }

  @Test func execPluginTokenIsRefreshedOnUnauthorized() async throws {
    let directory = try TestSupport.temporaryDirectory()
    _ = try ExecCredentialTests.plugin(
      in: directory, expiresIn: nil, apiVersion: "client.authentication.k8s.io/v1beta1")
    // The first token the plugin prints is already revoked.
    let server = try await FakeAPIServer(authentication: .token, tokens: ["token-2"])
    server.setList("/api/v1/pods", kind: "PodList", resourceVersion: "5", items: podItems(1))
    var configuration = try TestSupport.configuration(server)
    configuration.exec = ExecCredentialPlugin(
      command: "./get-token", apiVersion: "client.authentication.k8s.io/v1beta1",
      directory: directory.path)
    try await TestSupport.withClient(configuration) { client in
      let first = try await client.list(pods)
      let second = try await client.list(pods)
      #expect(first.items.count == 1 && second.items.count == 1)
    }
    #expect(ExecCredentialTests.runs(in: directory) == 2)
    #expect(
      server.requests.map(\.authorization) == [
        "Bearer token-1", "Bearer token-2", "Bearer token-2",
      ])
    try await server.stop()
  }

  @Test func missingGatewayAPIIsNotFound() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    let gateways = KubeResource.inventory(kind: "Gateway")!
    let error = await #expect(throws: KubeClientError.self) {
      try await TestSupport.withClient(
        try TestSupport.configuration(server, token: .inline("good"))
      ) {
        try await $0.list(gateways)
      }
    }
    #expect(error?.code == .notFound)
    #expect(server.requests.first?.path == "/apis/gateway.networking.k8s.io/v1/gateways")
    try await server.stop()
  }
}
