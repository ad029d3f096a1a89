import Foundation
import Testing

@testable import VigilDetect

@Suite struct ExposurePathBenchmarkTests {
  @Test func runsOnATinyMap() {
    let result = ExposurePathBenchmark.run(workloads: 60, fanOut: 3, entries: 4, rounds: 1)
    #expect(result.edges == 180)
    #expect(result.entryPoints == 4)
    #expect(result.paths > 0)
    #expect(result.edgesPerSecond > 0 && result.ceilingEdgesPerSecond > 0)
    #expect(result.description.contains("180 edges, 4 entry points"))
  }

  /// The default size, for measuring by hand: `VIGIL_BENCH_PATHS=1 swift test -c release …`.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["VIGIL_BENCH_PATHS"] != nil))
  func defaultSize() {
    let result = ExposurePathBenchmark.run()
    print("ExposurePathBenchmark: \(result)")
    #expect(result.paths > 0)
  }
}
