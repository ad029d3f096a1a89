import Testing

@testable import VigilPipeline

@Suite("NetworkDetectionBenchmark")
struct NetworkDetectionBenchmarkTests {
  @Test("runs every detector over the synthetic flows and measures a ceiling")
  func runs() {
    let result = NetworkDetectionBenchmark.run(flows: 20_000, rounds: 1)
    #expect(result.flows == 20_000)
    #expect(result.flowsPerSecond > 0 && result.ceilingPerSecond > 0)
    #expect(result.alerts > 0)
  }
}
