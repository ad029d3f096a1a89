import Foundation
import Testing

@testable import VigilDetect

@Suite("ZoneDetectorsBenchmark")
struct ZoneDetectorsBenchmarkTests {
  @Test("runs on a tiny input and reports rates, a ceiling and alerts")
  func tiny() {
    let result = ZoneDetectorsBenchmark.run(flows: 5_000, rounds: 1)
    #expect(result.flows == 5_000)
    #expect(result.zoneCrossingPerSecond > 0 && result.plaintextHTTPPerSecond > 0)
    #expect(result.internetIngressPerSecond > 0 && result.combinedPerSecond > 0)
    #expect(result.ceilingPerSecond > 0 && result.ratio > 0)
    #expect(result.alerts > 0, "the synthetic flows include crossings, port 80 and ingress")
    #expect(result.recorded > 0)
    #expect(result.description.contains("ceiling"))
  }

  @Test(
    "full size, printed (set VIGIL_BENCH=1, run with -c release)",
    .enabled(if: ProcessInfo.processInfo.environment["VIGIL_BENCH"] != nil))
  func fullSize() {
    let result = ZoneDetectorsBenchmark.run(flows: 1_000_000, rounds: 5)
    print("ZoneDetectorsBenchmark: \(result)")
    #expect(result.alerts > 0)
  }
}
