import Testing
import VigilCore
import VigilKube
import VigilNet
import VigilPipeline

@Suite struct KubeEndpointResolverTests {
  typealias N = NetworkFixtures
  let time = Timestamp(rfc3339: "2026-11-02T10:00:00Z") ?? Timestamp(nanoseconds: 0)

  @Test func namesPodsByWorkloadWithMarks() throws {
    let resolver = try N.resolver()
    let db = resolver.resolve(ip: "10.244.1.5", at: time)
    #expect(db.isUnknownYet == false)
    #expect(db.endpoint.kind == .workload)
    #expect(db.endpoint.workloadKind == "Deployment")
    #expect(db.endpoint.namespace == "payments")
    #expect(db.endpoint.name == "db")
    #expect(db.endpoint.pod == "db-7d9f-x2k4p")
    #expect(db.marks.isPublicEntry)
    #expect(db.marks.sensitivity?.product == "postgres")
    let web = resolver.resolve(ip: "10.244.1.6", at: time)
    #expect(web.endpoint.name == "web")
    #expect(web.marks == .none)
  }

  @Test func namesServicesNodesTheAPIServerAndExternalAddresses() throws {
    let resolver = try N.resolver()
    let service = resolver.resolve(ip: "10.96.14.7", at: time).endpoint
    #expect(service.kind == .workload)
    #expect(service.name == "db")
    #expect(service.service == "db")
    let balancer = resolver.resolve(ip: "34.120.1.9", at: time)
    #expect(balancer.endpoint.name == "db")
    #expect(balancer.marks.isPublicEntry)
    #expect(resolver.resolve(ip: "10.96.0.1", at: time).endpoint.kind == .apiServer)
    #expect(
      resolver.resolve(ip: "10.0.0.5", at: time).endpoint == .node("node-1", address: "10.0.0.5"))
    #expect(resolver.resolve(ip: "169.254.169.254", at: time).endpoint.kind == .cloudMetadata)
    #expect(resolver.resolve(ip: "93.184.216.34", at: time).endpoint.scope == .publicInternet)
    #expect(resolver.resolve(ip: "192.168.3.3", at: time).endpoint.scope == .privateNetwork)
  }

  @Test func anUnknownAddressInThePodRangeIsUnknownYetUntilThePodExists() throws {
    let before = try N.resolver()
    #expect(before.resolve(ip: "10.244.1.40", at: time).isUnknownYet)
    let after = try N.resolver([
      N.pod("shell", namespace: "dev", ip: "10.244.1.40", labels: #""run":"shell""#)
    ])
    let shell = after.resolve(ip: "10.244.1.40", at: time)
    #expect(shell.isUnknownYet == false)
    #expect(shell.endpoint.workloadKind == "Pod")
    #expect(shell.endpoint.name == "shell")
  }

  @Test func aReusedAddressIsNamedByTheFlowsTime() throws {
    // A pod created later at the address of a pod that is gone.
    var inventory = Inventory()
    let early = Timestamp(rfc3339: "2026-11-01T08:00:00Z") ?? time
    let late = Timestamp(rfc3339: "2026-11-01T09:00:00Z") ?? time
    let first = N.pod("old", namespace: "a", ip: "10.244.1.77", labels: #""x":"1""#)
    let second = N.pod(
      "new", namespace: "b", ip: "10.244.1.77", labels: #""x":"2""#, created: "2026-11-01T09:00:00Z"
    )
    try inventory.apply(.added, json: first, at: early)
    try inventory.apply(.deleted, json: first, at: late)
    try inventory.apply(.added, json: second, at: late)
    let resolver = KubeEndpointResolver(inventory: inventory, exposures: ExposureInventory())
    #expect(
      resolver.resolve(ip: "10.244.1.77", at: early.adding(.seconds(60))).endpoint.name == "old")
    #expect(
      resolver.resolve(ip: "10.244.1.77", at: late.adding(.seconds(60))).endpoint.name == "new")
  }
}
