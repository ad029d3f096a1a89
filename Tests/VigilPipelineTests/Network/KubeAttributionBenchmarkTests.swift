import Testing
import VigilNet

@testable import VigilPipeline

@Suite("KubeAttributionBenchmark")
struct KubeAttributionBenchmarkTests {
  @Test("attributes every synthetic flow to named workloads and counts them into edges")
  func runs() {
    let result = KubeAttributionBenchmark.run(flows: 4_096, pods: 200, rounds: 1)
    #expect(result.flows == 4_096)
    #expect(result.flowsPerSecond > 0 && result.ceilingPerSecond > 0)
    // 200 pods in 20 Deployments, plus external names: far fewer nodes than flows.
    #expect(result.nodes > 20 && result.nodes < 1_300)
    #expect(result.edges > 20)
  }
}
