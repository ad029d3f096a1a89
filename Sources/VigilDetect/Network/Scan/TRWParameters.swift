#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The parameters of Threshold Random Walk (Jung, Paxson, Berger, Balakrishnan, IEEE S&P 2004)
/// and the thresholds and step factors that follow from them.
public struct TRWParameters: Sendable, Hashable {
  /// θ0: probability that a benign source's first contact succeeds.
  public var theta0: Double
  /// θ1: probability that a scanner's first contact succeeds.
  public var theta1: Double
  /// α: the false-positive bound (a benign source flagged).
  public var alpha: Double
  /// β: the detection-probability bound (a scanner flagged).
  public var beta: Double

  /// The paper's values: θ0 0.8, θ1 0.2, α 0.01, β 0.99.
  public init(theta0: Double = 0.8, theta1: Double = 0.2, alpha: Double = 0.01, beta: Double = 0.99)
  {
    self.theta0 = theta0
    self.theta1 = theta1
    self.alpha = alpha
    self.beta = beta
  }

  /// η1 = β / α: at or above it the source is a scanner (99 by default).
  public var upperThreshold: Double { beta / alpha }
  /// η0 = (1 − β) / (1 − α): at or below it the source is benign (≈ 0.0101 by default).
  public var lowerThreshold: Double { (1 - beta) / (1 - alpha) }
  /// The likelihood-ratio step of a failed first contact: (1 − θ1) / (1 − θ0) (4 by default).
  public var failureFactor: Double { (1 - theta1) / (1 - theta0) }
  /// The likelihood-ratio step of a successful first contact: θ1 / θ0 (0.25 by default).
  public var successFactor: Double { theta1 / theta0 }

  /// E[N | H1], the expected first contacts until a scanner is flagged (the paper's eq. 11;
  /// ≈ 5.4 by default).
  public var expectedAttemptsToDetect: Double {
    let eta1 = upperThreshold
    let eta0 = lowerThreshold
    let step = theta1 * log(theta1 / theta0) + (1 - theta1) * log((1 - theta1) / (1 - theta0))
    return (beta * log(eta1) + (1 - beta) * log(eta0)) / step
  }
}
