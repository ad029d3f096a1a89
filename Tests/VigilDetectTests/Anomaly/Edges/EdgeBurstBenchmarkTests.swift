import Testing
import VigilDetect

@Suite struct EdgeBurstBenchmarkTests {
  @Test func runsOnATinyStream() {
    #if DEBUG
      let (count, entities, rounds) = (50_000, 200, 1)
    #else
      let (count, entities, rounds) = (2_000_000, 5_000, 5)
    #endif
    let result = EdgeBurstBenchmark.run(edges: count, entities: entities, rounds: rounds)
    print("EdgeBurstBenchmark:", result)
    #expect(result.edges == count)
    #expect(result.edgesPerSecond > 0 && result.midasPerSecond > 0 && result.ceilingPerSecond > 0)
    // The stream's burst of 300 edges between two services within a minute alerts.
    #expect(result.alerts >= 1)
  }
}
