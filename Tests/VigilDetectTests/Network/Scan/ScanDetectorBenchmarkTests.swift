import Testing
import VigilDetect

@Suite("scan detector benchmark")
struct ScanDetectorBenchmarkTests {
  @Test("runs on a small input and finds the synthetic scanners")
  func runs() {
    let result = ScanDetectorBenchmark.run(flows: 20_000, rounds: 1)
    #expect(result.flows == 20_000)
    #expect(result.flowsPerSecond > 0)
    #expect(result.ceilingFlowsPerSecond > 0)
    #expect(result.alerts >= 4)
    #expect(result.checksum != 0)
    print("ScanDetectorBenchmark:", result)
  }
}
