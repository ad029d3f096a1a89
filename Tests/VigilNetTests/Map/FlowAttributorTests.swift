import Testing
import VigilCore

@testable import VigilNet

@Suite struct FlowAttributorTests {
  typealias F = MapFixtures

  static func attribute(
    _ attributor: inout FlowAttributor, _ flow: FlowRecord, _ resolver: StaticEndpointResolver
  ) throws -> AttributedFlow {
    let attributed = attributor.attribute(flow, resolver: resolver)
    return try #require(attributed)
  }

  @Test func namesBothEndsWithMarksAndTheFlowsDNSName() throws {
    var attributor = FlowAttributor()
    let resolver = F.resolver()
    let east = try Self.attribute(&attributor, F.flow("10.244.1.10", "10.244.1.12"), resolver)
    #expect(east.source == F.frontend)
    #expect(east.destination == F.database)
    #expect(east.sourceMarks.isPublicEntry)
    #expect(east.destinationMarks.sensitivity?.product == "postgres")
    let out = try Self.attribute(
      &attributor, F.flow("10.244.1.11", "93.184.216.34", dns: "example.com"), resolver)
    #expect(out.destination.kind == .external)
    #expect(out.destination.scope == .publicInternet)
    #expect(out.destination.dnsName == "example.com")
    #expect(out.destination.address == "93.184.216.34")
    // The same address resolved under another name by the next flow keeps that name.
    let other = try Self.attribute(
      &attributor, F.flow("10.244.1.11", "93.184.216.34", dns: "example.org"), resolver)
    #expect(other.destination.dnsName == "example.org")
    let bare = try Self.attribute(&attributor, F.flow("10.244.1.11", "93.184.216.34"), resolver)
    #expect(bare.destination.dnsName == nil)
    let metadata = try Self.attribute(
      &attributor, F.flow("10.244.1.11", "169.254.169.254", port: 80), resolver)
    #expect(metadata.destination.kind == .cloudMetadata)
    #expect(attributor.attributed == 5)
  }

  @Test func holdsAFlowUntilTheInventoryLearnsThePod() throws {
    var attributor = FlowAttributor()
    var resolver = F.resolver()
    // 10.244.1.20 is in the pod range; no pod holds it yet.
    #expect(
      attributor.attribute(F.flow("10.244.1.20", "10.244.1.11", at: 5), resolver: resolver) == nil)
    #expect(attributor.pendingCount == 1)
    // Retrying before the inventory knows it keeps it waiting (within the horizon).
    #expect(attributor.retryPending(resolver: resolver, now: F.at(10)).isEmpty)
    #expect(attributor.pendingCount == 1)
    let worker = NetworkEndpoint.workload(
      namespace: "jobs", kind: "Job", name: "report", pod: "report-abc")
    resolver.hold("10.244.1.20", as: worker, from: F.at(4))
    let late = attributor.retryPending(resolver: resolver, now: F.at(11))
    #expect(late.count == 1)
    #expect(late.first?.source == worker)
    #expect(late.first?.destination == F.backend)
    #expect(late.first?.wasPending == true)
    #expect(attributor.resolvedLate == 1)
    #expect(attributor.pendingCount == 0)
  }

  @Test func givesUpAfterTheHorizonAsAnUnknownPodCIDRAddress() throws {
    var attributor = FlowAttributor(configuration: .init(pendingHorizon: .seconds(60)))
    let resolver = F.resolver()
    #expect(
      attributor.attribute(F.flow("10.244.1.10", "10.244.9.9", at: 0), resolver: resolver) == nil)
    #expect(attributor.retryPending(resolver: resolver, now: F.at(30)).isEmpty)
    let given = attributor.retryPending(resolver: resolver, now: F.at(62))
    #expect(given.count == 1)
    #expect(given.first?.destination == .external(address: "10.244.9.9", scope: .podCIDR))
    #expect(attributor.gaveUp == 1)
  }

  @Test func attributesByTheFlowsOwnTimeWhenAnAddressIsReused() throws {
    var resolver = F.resolver()
    let old = NetworkEndpoint.workload(namespace: "a", kind: "Deployment", name: "old")
    let new = NetworkEndpoint.workload(namespace: "b", kind: "Deployment", name: "new")
    resolver.hold("10.244.2.2", as: old, from: F.at(0), until: F.at(100))
    resolver.hold("10.244.2.2", as: new, from: F.at(100))
    var attributor = FlowAttributor()
    // Interleaved times: the cache must not carry one answer past its span.
    let times: [Int64] = [10, 150, 99, 100, 20]
    let expected = [old, new, old, new, old]
    for (time, want) in zip(times, expected) {
      let flow = try Self.attribute(
        &attributor, F.flow("10.244.2.2", "10.244.1.11", at: time), resolver)
      #expect(flow.source == want, "at \(time)")
    }
  }

  @Test func dropsTheOldestPendingFlowWhenFull() {
    var attributor = FlowAttributor(configuration: .init(maxPending: 2))
    let resolver = F.resolver()
    for i in 0..<3 {
      _ = attributor.attribute(
        F.flow("10.244.7.\(i)", "10.244.1.11", at: Int64(i)), resolver: resolver)
    }
    #expect(attributor.pendingCount == 2)
    #expect(attributor.droppedPending == 1)
    let given = attributor.drainPending(resolver: resolver)
    #expect(given.map(\.flow.sourceIP) == ["10.244.7.1", "10.244.7.2"])
  }
}
