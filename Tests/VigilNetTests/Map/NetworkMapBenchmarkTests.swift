import Foundation
import Testing

@testable import VigilNet

@Suite struct NetworkMapBenchmarkTests {
  @Test func runsOnATinyInputAndAttributesEveryFlow() {
    let result = NetworkMapBenchmark.run(flows: 4_096, pods: 200, rounds: 2)
    #expect(result.flowsPerSecond > 0)
    #expect(result.ceilingPerSecond > 0)
    #expect(result.ratio > 0)
    #expect(result.edges > 0)
    #expect(result.nodes > 0)
    #expect(result.checksum != 0)
    #expect(result.description.contains("flows/s"))
  }

  @Test func syntheticFlowsAreAllResolvedAndMixEastWestWithEgress() {
    let (resolver, records) = NetworkMapBenchmark.synthetic(pods: 100, distinct: 1_000)
    #expect(records.count == 1_024)
    var attributor = FlowAttributor()
    var map = NetworkMap()
    for record in records {
      if let flow = attributor.attribute(record, resolver: resolver) { map.add(flow) }
    }
    #expect(attributor.pendingCount == 0)
    #expect(map.flowCount == records.count)
    let classes = Set(map.graph().edges.map(\.edgeClass))
    #expect(classes == [.eastWest, .egressInternet])
  }
}

/// The full-size run, for release measurements: `VIGIL_BENCH=1 swift test -c release --filter
/// NetworkMapBenchmarkFullTests`.
@Suite struct NetworkMapBenchmarkFullTests {
  @Test(
    .enabled(if: ProcessInfo.processInfo.environment["VIGIL_BENCH"] != nil, "set VIGIL_BENCH=1"))
  func millionFlows() {
    let result = NetworkMapBenchmark.run(flows: 1_000_000, pods: 5_000, rounds: 5)
    print("NetworkMapBenchmark: \(result)")
    #expect(result.flowsPerSecond > 0)
  }
}
