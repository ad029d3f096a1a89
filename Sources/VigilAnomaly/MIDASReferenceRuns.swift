/// The runs the MIDAS authors logged for DARPA (Stream-AD/MIDAS,
/// `doc/Experiment/MIDAS/{Normal,Relational}/Time,AUC/DARPA.csv`: 2 × 1024 sketches, 21 runs
/// each, `srand(time(nullptr))`): each run's seed and ROC-AUC (6 decimals). The published bands
/// (MIDAS 0.897–0.911, MIDAS-R 0.950–0.955) are the spread of these runs.
///
/// `MIDAS.Hashing.reference` reproduces every one of them to the 6th decimal: the runs were made
/// with the hashing of the authors' first release (`edgehash.cpp`, `nodehash.cpp`, `anom.cpp`:
/// parameters `rand() % (buckets − 1) + 1` and `rand() % buckets`, the largest source id as the
/// edge multiplier, a parameter set per sketch, MIDAS-R decay 0.6) built on Windows (the
/// Microsoft C runtime's `rand()`), their scores printed with `%f` and read back for the
/// ROC-AUC.
public enum MIDASReferenceRuns {
  /// One logged run.
  public struct Run: Sendable, Hashable {
    /// The `srand` seed.
    public var seed: UInt32
    /// The ROC-AUC the authors' evaluation printed.
    public var rocAUC: Double

    /// A run with `seed` and its logged ROC-AUC.
    public init(seed: UInt32, rocAUC: Double) {
      self.seed = seed
      self.rocAUC = rocAUC
    }
  }

  /// MIDAS (NormalCore), 21 runs.
  public static let normal: [Run] = [
    (1_585_731_139, 0.908908), (1_585_731_144, 0.908908), (1_585_731_149, 0.897359),
    (1_585_731_154, 0.897359), (1_585_731_158, 0.910699), (1_585_731_163, 0.907813),
    (1_585_731_168, 0.904275), (1_585_731_173, 0.897359), (1_585_731_178, 0.904275),
    (1_585_731_183, 0.897359), (1_585_731_188, 0.906815), (1_585_731_193, 0.906815),
    (1_585_731_198, 0.904275), (1_585_731_202, 0.907813), (1_585_731_207, 0.900689),
    (1_585_731_212, 0.900689), (1_585_731_217, 0.897359), (1_585_731_222, 0.897359),
    (1_585_731_227, 0.897359), (1_585_731_231, 0.897359), (1_585_731_236, 0.904275),
  ].map { Run(seed: $0.0, rocAUC: $0.1) }

  /// MIDAS-R (RelationalCore), 21 runs.
  public static let relational: [Run] = [
    (1_585_721_994, 0.951446), (1_585_722_000, 0.951346), (1_585_722_008, 0.954505),
    (1_585_722_014, 0.951227), (1_585_722_021, 0.951293), (1_585_722_027, 0.952413),
    (1_585_722_035, 0.951346), (1_585_722_042, 0.950655), (1_585_722_049, 0.953389),
    (1_585_722_055, 0.952740), (1_585_722_061, 0.951126), (1_585_722_069, 0.951126),
    (1_585_722_075, 0.951690), (1_585_722_083, 0.953280), (1_585_722_090, 0.951446),
    (1_585_722_097, 0.950649), (1_585_722_104, 0.953389), (1_585_722_111, 0.953389),
    (1_585_722_118, 0.950891), (1_585_722_125, 0.952446), (1_585_722_131, 0.951346),
  ].map { Run(seed: $0.0, rocAUC: $0.1) }
}
