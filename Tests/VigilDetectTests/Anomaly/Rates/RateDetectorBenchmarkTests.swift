import Testing
import VigilDetect

@Suite struct RateDetectorBenchmarkTests {
  @Test func runsOnATinyStream() {
    #if DEBUG
      let (count, entities, rounds) = (20_000, 50, 1)
    #else
      let (count, entities, rounds) = (2_000_000, 1_000, 5)
    #endif
    let result = RateDetectorBenchmark.run(observations: count, entities: entities, rounds: rounds)
    print("RateDetectorBenchmark:", result)
    #expect(result.observations == count)
    #expect(result.observationsPerSecond > 0)
    #expect(result.ceilingPerSecond > 0)
    #expect(result.bucketsClosed > 0)
    #expect(result.description.contains("B per series (resident growth)"))
  }
}
