/// The delay before a retry: `initial × 2^(attempts−1)`, capped at `maximum`, with ±20 % jitter
/// (also capped) so that many alerts failing together do not retry together.
public struct RetryBackoff: Sendable, Hashable {
  /// The delay after the first failure.
  public var initial: Duration
  /// The longest delay.
  public var maximum: Duration
  /// The jitter, as a fraction of the delay (0.2: ±20 %).
  public var jitter: Double = 0.2

  /// A backoff from `initial` doubling up to `maximum`.
  public init(initial: Duration, maximum: Duration) {
    self.initial = initial
    self.maximum = maximum
  }

  /// The delay after `attempts` failed attempts (1 for the first), `random` in `0..<1` choosing
  /// the jitter (0.5: none).
  public func delay(afterAttempts attempts: Int, random: Double) -> Duration {
    let cap = Self.seconds(maximum)
    let exponent = Double(min(max(attempts - 1, 0), 62))
    let base = min(Self.seconds(initial) * Double.pow2(exponent), cap)
    let factor = 1 + jitter * (2 * min(max(random, 0), 1) - 1)
    return .nanoseconds(Int64((min(base * factor, cap) * 1e9).rounded()))
  }

  private static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}

extension Double {
  /// 2 to the power `exponent` (a whole number ≥ 0).
  fileprivate static func pow2(_ exponent: Double) -> Double {
    Double(sign: .plus, exponent: Int(exponent), significand: 1)
  }
}
