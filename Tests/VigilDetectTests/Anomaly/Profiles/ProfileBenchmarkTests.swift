import Foundation
import Testing

@testable import VigilDetect

@Suite("ProfileBenchmark")
struct ProfileBenchmarkTests {
  @Test("the benchmark runs on a tiny input and reports a rate, a ceiling and memory")
  func tiny() {
    let result = ProfileBenchmark.run(facts: 20_000, entities: 100, memoryEntities: 200)
    print("ProfileBenchmark:", result)
    #expect(result.factsPerSecond > 0)
    #expect(result.ceilingPerSecond > 0)
    #expect(result.ratio > 0)
    #expect(result.findings == 0)
    #expect(result.memoryEntities == 200)
  }

  @Test(
    "full-size run (set VIGIL_PROFILE_BENCH=1, release build)",
    .enabled(if: ProcessInfo.processInfo.environment["VIGIL_PROFILE_BENCH"] != nil))
  func fullSize() {
    let result = ProfileBenchmark.run(facts: 2_000_000, entities: 10_000, memoryEntities: 10_000)
    print("ProfileBenchmark (full):", result)
    #expect(result.findings == 0)
  }
}
