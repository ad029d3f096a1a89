import Testing

@testable import VigilNet

@Suite("DNSCaptureBenchmark")
struct DNSCaptureBenchmarkTests {
  @Test("a small run decodes and records every frame and reports both rates")
  func smallRun() {
    let result = DNSCaptureBenchmark.run(packets: 512, distinct: 64)
    #expect(result.distinctFrames == 64)
    #expect(result.responsesRecorded == 5 * 512)
    #expect(result.cacheEntries > 64)
    #expect(result.packetsPerSecond > 0 && result.ceilingPacketsPerSecond > 0)
    #expect(result.ratio > 0)
    #expect(result.description.contains("packets/s"))
  }

  @Test("the sample frames all decode to responses")
  func samplesDecode() throws {
    for sample in DNSCaptureBenchmark.sampleFrames(count: 32) {
      let packet = try DNSPacketDecoder.decode(sample.bytes, link: sample.link)
      #expect(packet.responses.count == 1)
      #expect(packet.responses.first?.answers.count ?? 0 >= 2)
    }
  }
}
