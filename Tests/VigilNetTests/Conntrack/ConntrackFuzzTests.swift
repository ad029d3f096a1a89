import Testing

@testable import VigilNet

@Suite("ConntrackFuzz")
struct ConntrackFuzzTests {
  /// SplitMix64, so a failure reproduces from its seed.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  func check(_ bytes: [UInt8], _ decoder: ConntrackDecoder) {
    var messages = 0
    bytes.withUnsafeBytes { raw in
      decoder.decode(raw) { message in
        messages += 1
        if case .malformed(let error) = message {
          #expect(error.offset >= 0 && error.offset <= bytes.count)
          #expect(error.messageOffset >= 0 && error.messageOffset <= error.offset)
        }
      }
    }
    // Each message is at least 16 bytes, plus at most one trailing error.
    #expect(messages <= bytes.count / 16 + 1)
  }

  @Test("20 000 random and mutated buffers decode without trapping")
  func fuzz() {
    var random = Generator(state: 0xC0FF_EE00_5EED)
    let decoder = ConntrackDecoder()
    let seeds = (ConntrackCapture.events + ConntrackCapture.dump).map(ConntrackCapture.bytes)
    var joined: [UInt8] = []
    for seed in seeds.prefix(8) { joined += seed }
    let corpus = seeds + [joined]
    for iteration in 0..<20_000 {
      var bytes: [UInt8]
      if iteration % 4 == 0 {
        bytes = (0..<Int.random(in: 0..<600, using: &random)).map { _ in
          UInt8.random(in: 0...255, using: &random)
        }
      } else {
        bytes = corpus[Int.random(in: 0..<corpus.count, using: &random)]
        for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
          let at = Int.random(in: 0..<bytes.count, using: &random)
          switch Int.random(in: 0..<4, using: &random) {
          case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
          case 1: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
          case 2:
            bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &random)))
          default: bytes[at] = [0, 1, 3, 4, 0xFF, 0x80][Int.random(in: 0..<6, using: &random)]
          }
        }
        if iteration % 7 == 0 {
          bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
        }
      }
      check(bytes, decoder)
    }
  }
}
