import Testing
import VigilCore

@testable import VigilNet

@Suite("DNSPacketDecoder fuzz")
struct DNSPacketDecoderFuzzTests {
  static let mutated = 20_000
  static let random = 10_000

  /// Mutated valid frames and random bytes, through the decoder and the capture: they must
  /// return or throw with an offset inside the frame, never trap.
  @Test("mutated and random frames never crash and report offsets inside the frame")
  func neverCrashes() {
    var random = DNSFuzzRandom(state: 0xCA97_0E5)
    var capture = DNSCapture(cache: DNSCache(maxEntries: 512))
    var outcomes: [String: Int] = [:]
    let start = Timestamp(nanoseconds: 1_764_000_000_000_000_000)
    for iteration in 0..<(Self.mutated + Self.random) {
      var frame: [UInt8]
      if iteration < Self.mutated {
        frame = CaptureFrameSamples.seed(iteration, using: &random)
        CaptureFrameSamples.mutate(&frame, using: &random)
      } else {
        frame = (0..<Int.random(in: 0...200, using: &random)).map { _ in
          UInt8.random(in: 0...255, using: &random)
        }
      }
      let link: PacketLinkType = iteration % 9 == 0 ? .rawIP : .ethernet
      do {
        let packet = try DNSPacketDecoder.decode(frame, link: link)
        outcomes["decoded", default: 0] += 1
        #expect(packet.messages.count + packet.malformed.count + packet.partialMessages > 0)
      } catch {
        outcomes[error.code.rawValue, default: 0] += 1
        #expect(error.offset >= 0 && error.offset <= frame.count, "\(error) for \(frame)")
      }
      capture.observe(frame: frame, link: link, at: start.adding(.milliseconds(Int64(iteration))))
    }
    #expect(capture.counters.frames == Self.mutated + Self.random)
    #expect((outcomes["decoded"] ?? 0) > 1_000, "\(outcomes)")
    #expect(outcomes.count > 8, "mutations should reach many reasons: \(outcomes)")
    #expect(capture.cache.count <= 512)
  }
}
