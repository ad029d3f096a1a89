import Testing

@testable import VigilNet

@Suite("ConntrackBenchmark")
struct ConntrackBenchmarkTests {
  @Test("runs on a small input and reports consistent figures")
  func runs() {
    let result = ConntrackBenchmark.run(messages: 2_000)
    #expect(result.messages >= 2_000)
    #expect(result.malformed == 0)
    #expect(result.decodedPerSecond > 0 && result.ceilingPerSecond > 0)
    #expect(result.ratio > 0)
    #expect(result.trackerEventsPerSecond > 0)
    // TCP connections are 5 messages and UDP 3, each ends in one record.
    #expect(result.records > result.messages / 5 && result.records <= result.messages / 3 + 1)
    print("ConntrackBenchmark:", result)
  }
}
