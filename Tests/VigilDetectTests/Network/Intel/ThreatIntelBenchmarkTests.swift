import Foundation
import Testing

@testable import VigilDetect

@Suite("ThreatIntelBenchmark")
struct ThreatIntelBenchmarkTests {
  @Test("runs on a tiny input and finds the listed keys")
  func tiny() {
    let result = ThreatIntelBenchmark.run(indicators: 3000, lookups: 8192, flows: 4096)
    #expect(result.indicatorsHeld == 3000)
    #expect(result.hits > 0)
    #expect(result.lookupsPerSecond > 0 && result.lookupCeilingPerSecond > 0)
    #expect(result.intelFlowsPerSecond > 0 && result.flowCeilingPerSecond > 0)
    #expect(result.description.contains("lookups/s"))
  }

  @Test(
    "full size (VIGIL_BENCH_INTEL=1, in release)",
    .enabled(if: ProcessInfo.processInfo.environment["VIGIL_BENCH_INTEL"] != nil))
  func full() {
    let result = ThreatIntelBenchmark.run()
    print(result)
    #expect(result.indicatorsHeld == 1_000_000)
  }
}
