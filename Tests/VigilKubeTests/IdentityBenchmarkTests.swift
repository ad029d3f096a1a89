import Testing

@testable import VigilKube

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct IdentityBenchmarkTests {
  /// Whether `VIGIL_IDENTITY_BENCH` is set (the full-size run is for release builds).
  static let fullRun = getenv("VIGIL_IDENTITY_BENCH") != nil

  @Test func runsOnSmallNumbers() {
    let result = IdentityBenchmark.run(pods: 200, lookups: 20_000)
    #expect(result.pods == 200)
    #expect(result.lookups == 20_000)
    #expect(result.lookupsPerSecond > 0)
    #expect(result.podsAppliedPerSecond > 0)
    // Seven probes in eight hit a pod (the eighth is an address nobody holds).
    #expect(result.hits > 20_000 * 6 / 8)
    #expect(result.hits < 20_000)
  }

  @Test(.enabled(if: fullRun, "set VIGIL_IDENTITY_BENCH=1 (with -c release) to measure"))
  func tenThousandPods() {
    for pods in [10_000, 50_000] {
      let result = IdentityBenchmark.run(pods: pods, lookups: 20_000_000)
      print("IdentityBenchmark: \(result)")
      #expect(result.hits > 0)
    }
  }
}
