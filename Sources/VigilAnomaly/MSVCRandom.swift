/// The Microsoft C runtime's `rand()` after `srand(seed)`: a linear congruential generator,
/// state × 214013 + 2531011 mod 2³², output bits 16–30 (0…32767). The MIDAS authors' logged
/// DARPA runs were made with a Windows build, so replicating them draws from this generator.
///
/// Without `srand`, the runtime behaves as after `srand(1)`.
public struct MSVCRandom: Sendable {
  /// The generator's state.
  var state: UInt32

  /// The largest value `next()` returns (the runtime's `RAND_MAX`, 32767).
  public static let max: Int32 = 32_767

  /// The generator after `srand(seed)`.
  public init(seed: UInt32) {
    state = seed
  }

  /// The next `rand()` value, in 0…32767.
  public mutating func next() -> Int32 {
    state = state &* 214_013 &+ 2_531_011
    return Int32((state >> 16) & 0x7FFF)
  }
}
