import Testing
import VigilCore
import VigilJSON

@testable import VigilKube

/// Ingress rules and Gateway listeners with their HTTPRoutes.
struct ExposureIngressTests {
  typealias F = ExposureFixtures
  let storefront = ObjectKey(kind: "Ingress", namespace: "shop", name: "storefront")
  let gateway = ObjectKey(kind: "Gateway", namespace: "infra", name: "public")

  @Test func ingressWithTwoRulesAndTLSForOne() throws {
    var inventory = ExposureInventory()
    let changes = try inventory.apply(json: F.storefrontIngress(), at: F.time(0))
    #expect(changes.map(\.kind) == [.added, .added])
    let exposures = inventory.exposures(of: storefront)
    #expect(exposures.map(\.host) == ["shop.example.com", "status.example.com"])
    let shop = try #require(exposures.first)
    #expect(shop.kind == .ingressRule)
    #expect(shop.tls == true)
    #expect(shop.paths == ["/", "/api"])
    #expect(shop.addresses == ["198.51.100.20"])
    #expect(
      shop.backends.map(\.description) == ["Service shop/api:http", "Service shop/web:80"])
    #expect(shop.manager == "kubectl-create")
    let status = try #require(exposures.last)
    #expect(status.tls == false)
    #expect(
      changes.last?.summary
        == "New Ingress shop/storefront host status.example.com (paths /; no TLS; addresses 198.51.100.20)"
    )
    #expect(changes.allSatisfy { $0.severity == .notice })
  }

  @Test func removingTLSWidensTheRule() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.storefrontIngress(), at: F.time(0))
    let changes = try inventory.apply(json: F.storefrontIngress(tls: false), at: F.time(40))
    let change = try #require(changes.first)
    #expect(changes.count == 1)
    #expect(change.kind == .widened)
    #expect(change.summary == "Ingress shop/storefront host shop.example.com lost TLS")
    #expect(change.previous?.tls == true)
    #expect(change.exposure.tls == false)
    let back = try inventory.apply(json: F.storefrontIngress(), at: F.time(50))
    #expect(back.map(\.kind) == [.narrowed])
    #expect(back.first?.summary == "Ingress shop/storefront host shop.example.com gained TLS")
  }

  @Test func aNewPathWidensTheRule() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.storefrontIngress(), at: F.time(0))
    let changes = try inventory.apply(json: F.storefrontIngress(adminPath: true), at: F.time(10))
    #expect(changes.map(\.kind) == [.widened])
    #expect(
      changes.first?.summary
        == "Ingress shop/storefront host status.example.com gained path /admin, gained backend Service shop/api:8080"
    )
  }

  @Test func anIngressWithoutTLSToPostgresIsCritical() throws {
    var inventory = ExposureInventory()
    // A Service `web` that is really postgres, behind the Ingress.
    let web = F.paymentsDB().replacing("\"name\": \"db\"", with: "\"name\": \"web\"")
      .replacing("\"namespace\": \"payments\"", with: "\"namespace\": \"shop\"")
    _ = try inventory.apply(json: web, at: F.time(0))
    let changes = try inventory.apply(json: F.storefrontIngress(), at: F.time(1))
    #expect(changes.map(\.severity) == [.error, .critical])
    #expect(changes.last?.reason == "Ingress rule without TLS in front of postgres (port 5432)")
    #expect(changes.first?.reason == "Ingress rule in front of postgres (port 5432)")
    // The Service going away narrows the rules in front of it.
    let deleted = inventory.delete(
      ObjectKey(kind: "Service", namespace: "shop", name: "web"), at: F.time(2))
    #expect(deleted.map(\.kind) == [.narrowed, .narrowed])
    #expect(deleted.first?.summary.hasSuffix("no longer fronts postgres") == true)
  }

  @Test func gatewayListenersAndAnHTTPRoute() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.shopAPI(), at: F.time(0))
    let created = try inventory.apply(json: F.publicGateway, at: F.time(1))
    #expect(created.map(\.kind) == [.added, .added])
    #expect(created.map(\.exposure.entryName) == ["listener http", "listener https"])
    let https = try #require(inventory.exposures(of: gateway).last)
    #expect(
      https.listener
        == Exposure.Listener(name: "https", hostname: "*.example.com", port: 443, proto: "HTTPS"))
    #expect(https.tls == true)
    #expect(https.addresses == ["192.0.2.50"])
    #expect(https.backends.isEmpty)

    let attached = try inventory.apply(json: F.apiRoute(), at: F.time(2))
    let change = try #require(attached.first)
    #expect(attached.count == 1)
    #expect(change.kind == .widened)
    #expect(
      change.summary
        == "Gateway infra/public listener https gained path api.example.com/v1, gained backend Service shop/api:8080"
    )
    let backend = try #require(change.exposure.backends.first)
    #expect(backend.route == ObjectKey(kind: "HTTPRoute", namespace: "shop", name: "api"))
    #expect(change.exposure.firstSeen == F.time(1))

    let retargeted = try inventory.apply(
      json: F.apiRoute(backend: "api-v2", port: 80), at: F.time(3))
    #expect(retargeted.map(\.kind) == [.widened])
    #expect(retargeted.first?.summary.contains("lost backend Service shop/api:8080") == true)

    let detached = inventory.delete(
      ObjectKey(kind: "HTTPRoute", namespace: "shop", name: "api"), at: F.time(4))
    #expect(detached.map(\.kind) == [.narrowed])
    #expect(detached.first?.severity == .informational)
    let removed = inventory.delete(gateway, at: F.time(5))
    #expect(removed.map(\.kind) == [.removed, .removed])
  }

  @Test func defaultBackendAndWildcardTLS() throws {
    let ingress = """
      {"kind": "Ingress", "apiVersion": "networking.k8s.io/v1",
       "metadata": {"name": "catch-all", "namespace": "shop", "uid": "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6",
         "resourceVersion": "91001", "generation": 1, "creationTimestamp": "2026-11-22T10:00:00Z"},
       "spec": {"defaultBackend": {"service": {"name": "web", "port": {"number": 80}}},
         "tls": [{"hosts": ["*.example.com"], "secretName": "wildcard"}],
         "rules": [{"host": "blog.example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix",
           "backend": {"service": {"name": "blog", "port": {"number": 80}}}}]}}]},
       "status": {"loadBalancer": {}}}
      """
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: ingress, at: F.time(0))
    let rules = inventory.exposures(
      of: ObjectKey(kind: "Ingress", namespace: "shop", name: "catch-all"))
    #expect(rules.map(\.host) == ["*", "blog.example.com"])
    #expect(rules.map(\.tls) == [false, true])
    #expect(rules.first?.paths == ["/*"])
    #expect(rules.first?.backends.map(\.service.name) == ["web"])
  }
}
