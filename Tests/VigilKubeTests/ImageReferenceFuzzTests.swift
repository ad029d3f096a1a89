import Testing

@testable import VigilKube

@Suite struct ImageReferenceFuzzTests {
  /// A small deterministic generator (SplitMix64), so failures reproduce.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let alphabet = Array("abcxyz09AZ:/@._-[]é \u{0}+sha256")

  @Test func randomStringsNeverCrashAndValidOnesRoundTrip() {
    var random = SplitMix(state: 0x5EED)
    var accepted = 0
    var rejected = 0
    for _ in 0..<20_000 {
      let length = Int.random(in: 0...40, using: &random)
      var text = String(
        (0..<length).map { _ in Self.alphabet.randomElement(using: &random) ?? "a" })
      // Mutate a valid reference half the time so the accepting paths are exercised too.
      if Bool.random(using: &random) {
        let base = [
          "nginx", "quay.io/a/b:1", "localhost:5000/app",
          "r.io:443/t/a@sha256:" + String(repeating: "a", count: 64),
        ]
        text =
          (base.randomElement(using: &random) ?? "nginx")
          + (Bool.random(using: &random) ? "" : text)
      }
      do {
        let image = try ImageReference.parse(text)
        accepted += 1
        #expect(!image.repository.isEmpty, "\(text)")
        #expect(image.repository == image.repository.lowercased(), "\(text)")
        let again = try ImageReference.parse(image.description)
        #expect(again.registry == image.registry && again.repository == image.repository, "\(text)")
        #expect(again.digest == image.digest && again.resolvedTag == image.resolvedTag, "\(text)")
      } catch {
        rejected += 1
      }
    }
    #expect(accepted > 1_000)
    #expect(rejected > 1_000)
  }
}
