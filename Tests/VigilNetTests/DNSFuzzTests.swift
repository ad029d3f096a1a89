import Testing

@testable import VigilNet

/// A small deterministic generator (SplitMix64) so the fuzz run is the same every time.
struct DNSFuzzRandom: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct DNSFuzzTests {
  static let iterations = 50_000

  /// Mutates valid messages at random; parsing must return or throw, never trap, and any
  /// error offset must lie inside the input.
  @Test func randomMutationsNeverCrash() {
    var random = DNSFuzzRandom(state: 0x5EED_D15)
    let seeds = [DNSSamples.aResponse(), DNSSamples.cnameChain(), DNSSamples.aaaaResponse()]
    var parsed = 0
    var failed = 0
    var cache = DNSCache(maxEntries: 256, maxAddressesPerName: 4)
    for iteration in 0..<Self.iterations {
      var bytes = seeds[iteration % seeds.count]
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        mutate(&bytes, using: &random)
      }
      let useTCP = iteration % 7 == 0
      let input =
        useTCP ? [UInt8(bytes.count >> 8 & 0xFF), UInt8(bytes.count & 0xFF)] + bytes : bytes
      do {
        let message = try useTCP ? DNSMessage(tcpFramed: input) : DNSMessage(bytes: input)
        parsed += 1
        cache.record(
          response: message, client: "10.0.0.\(iteration % 4)",
          at: .init(nanoseconds: Int64(iteration)))
      } catch {
        failed += 1
        #expect(error.offset >= 0 && error.offset <= input.count, "\(error) for \(input)")
      }
    }
    #expect(parsed + failed == Self.iterations)
    #expect(parsed > 0 && failed > 0, "mutations should exercise both paths")
    #expect(cache.count <= 256)
  }

  func mutate(_ bytes: inout [UInt8], using random: inout DNSFuzzRandom) {
    guard !bytes.isEmpty else {
      bytes.append(UInt8.random(in: 0...255, using: &random))
      return
    }
    let index = Int.random(in: 0..<bytes.count, using: &random)
    switch Int.random(in: 0..<6, using: &random) {
    case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
    case 1: bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
    case 2: bytes.removeSubrange(index...)
    case 3: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
    case 4: bytes[index] = 0xC0 | UInt8.random(in: 0...0x3F, using: &random)
    default: bytes[index] = [0, 63, 64, 0xFF].randomElement(using: &random) ?? 0
    }
  }
}
