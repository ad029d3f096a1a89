import Testing
import VigilCore
import VigilJSON

@testable import VigilKube

/// The hand-written JSON rendering parses back and carries every field.
struct ExposureJSONTests {
  typealias F = ExposureFixtures

  /// An inventory with a LoadBalancer in front of postgres, an Ingress, a Gateway with a route,
  /// and a hostPort pod.
  func populated() throws -> ExposureInventory {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.paymentsDBPod(), at: F.time(0))
    _ = try inventory.apply(
      json: F.paymentsDB(type: "LoadBalancer", status: F.loadBalancerStatus), at: F.time(1))
    _ = try inventory.apply(json: F.shopAPI(), at: F.time(2))
    _ = try inventory.apply(json: F.storefrontIngress(), at: F.time(3))
    _ = try inventory.apply(json: F.publicGateway, at: F.time(4))
    _ = try inventory.apply(json: F.apiRoute(), at: F.time(5))
    _ = try inventory.apply(json: F.ingressControllerPod, at: F.time(6))
    return inventory
  }

  @Test func listRendersAndParsesBack() throws {
    let inventory = try populated()
    let exposures = inventory.list()
    let document = try JSONDocument(parsing: Exposure.json(exposures))
    let root = document.root
    #expect(root["count"]?.int == Int64(exposures.count))
    let rendered = root["exposures"]?.elements ?? []
    #expect(rendered.count == exposures.count)
    #expect(rendered.map { $0["id"]?.string } == exposures.map(\.id.description))
    #expect(rendered.map { $0["kind"]?.string } == exposures.map(\.kind.rawValue))
    #expect(exposures.map(\.source) == exposures.map(\.source).sorted())
  }

  @Test func loadBalancerCarriesEveryField() throws {
    let inventory = try populated()
    let db = try #require(
      inventory.exposures(of: ObjectKey(kind: "Service", namespace: "payments", name: "db")).first)
    let value = try JSONDocument(parsing: db.json).root
    #expect(value["kind"]?.string == "loadBalancer")
    #expect(value.value(atPath: "source", "kind")?.string == "Service")
    #expect(value.value(atPath: "source", "namespace")?.string == "payments")
    #expect(value.value(atPath: "source", "name")?.string == "db")
    #expect(value["entry"]?.string == "service")
    #expect(value["severity"]?.string == "CRITICAL")
    #expect(value["reason"]?.string == "LoadBalancer in front of postgres (port 5432)")
    #expect(
      value["addresses"]?.elements.compactMap(\.string)
        == ["203.0.113.10", "a1b2c3-payments-db.elb.us-east-1.amazonaws.com"])
    let port = try #require(value["ports"]?[0])
    #expect(port["name"]?.string == "postgres")
    #expect(port["port"]?.int == 5432)
    #expect(port["protocol"]?.string == "TCP")
    #expect(port["targetPort"]?.string == "5432")
    #expect(port["nodePort"]?.int == 31432)
    #expect(value.value(atPath: "backends", "0", "service", "name")?.string == "db")
    #expect(value.value(atPath: "selector", "app")?.string == "payments-db")
    #expect(value.value(atPath: "workloads", "0", "kind")?.string == "StatefulSet")
    #expect(value.value(atPath: "workloads", "0", "name")?.string == "payments-db")
    #expect(value["sourceRanges"]?.elements.isEmpty == true)
    #expect(value["internal"]?.bool == false)
    #expect(value.value(atPath: "sensitivity", "level")?.string == "high")
    #expect(value.value(atPath: "sensitivity", "product")?.string == "postgres")
    #expect(value.value(atPath: "sensitivity", "reasons", "0")?.string == "postgres (port 5432)")
    #expect(value["manager"]?.string == "kubectl-client-side-apply")
    #expect(value["firstSeen"]?.string.flatMap(Timestamp.init(rfc3339:)) == F.time(1))
  }

  @Test func ingressAndGatewayCarryTheirFields() throws {
    let inventory = try populated()
    let ingress = inventory.exposures(
      of: ObjectKey(kind: "Ingress", namespace: "shop", name: "storefront"))
    let shop = try JSONDocument(parsing: try #require(ingress.first).json).root
    #expect(shop["host"]?.string == "shop.example.com")
    #expect(shop["paths"]?.elements.compactMap(\.string) == ["/", "/api"])
    #expect(shop["tls"]?.bool == true)
    #expect(shop.value(atPath: "backends", "0", "port")?.string == "http")
    #expect(shop.value(atPath: "backends", "0", "path")?.string == "/api")

    let listeners = inventory.exposures(
      of: ObjectKey(kind: "Gateway", namespace: "infra", name: "public"))
    let https = try JSONDocument(parsing: try #require(listeners.last).json).root
    #expect(https.value(atPath: "listener", "name")?.string == "https")
    #expect(https.value(atPath: "listener", "hostname")?.string == "*.example.com")
    #expect(https.value(atPath: "listener", "port")?.int == 443)
    #expect(https.value(atPath: "listener", "protocol")?.string == "HTTPS")
    #expect(https.value(atPath: "backends", "0", "route", "kind")?.string == "HTTPRoute")
    #expect(https["paths"]?.elements.compactMap(\.string) == ["api.example.com/v1"])
  }

  @Test func changesRenderWithTheirWording() throws {
    var inventory = ExposureInventory()
    _ = try inventory.apply(json: F.paymentsDB(), at: F.time(0))
    let change = try #require(
      try inventory.apply(json: F.paymentsDB(type: "LoadBalancer"), at: F.time(9)).first)
    let value = try JSONDocument(parsing: change.json).root
    #expect(value["change"]?.string == "widened")
    #expect(value["severity"]?.string == "CRITICAL")
    #expect(value["summary"]?.string == change.summary)
    #expect(value["reason"]?.string == "LoadBalancer in front of postgres (port 5432)")
    #expect(value["description"]?.string == change.description)
    #expect(value["time"]?.string.flatMap(Timestamp.init(rfc3339:)) == F.time(9))
    #expect(value.value(atPath: "exposure", "kind")?.string == "loadBalancer")
  }

  @Test func awkwardTextIsEscaped() throws {
    let exposure = Exposure(
      id: Exposure.ID(
        source: ObjectKey(kind: "Ingress", namespace: "a", name: "b"), entry: "host:\"x\""),
      kind: .ingressRule, host: "quote\"back\\slash\nnewline", paths: ["/ü\t"], firstSeen: F.time(0)
    )
    let value = try JSONDocument(parsing: exposure.json).root
    #expect(value["host"]?.string == "quote\"back\\slash\nnewline")
    #expect(value["paths"]?[0]?.string == "/ü\t")
    #expect(value["entry"]?.string == "host:\"x\"")
  }
}
