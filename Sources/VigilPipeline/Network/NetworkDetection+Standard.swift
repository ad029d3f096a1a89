import VigilCore
import VigilDetect
import VigilKube

extension NetworkDetection {
  /// The detector set `vigil serve` runs (and the scenario suite replays), configured by the
  /// serve options: scans (TRW and thresholds), lateral movement, threat intel (indicators
  /// swapped in as feeds load), miners, zone crossings, plaintext HTTP, and ingress from the
  /// internet, and learned workload baselines (unless `baselines` is nil). Live, detectors group a burst for `burst` only; the store then aggregates repeats
  /// by dedup key over the detection aggregation window.
  public static func standardDetectors(
    _ network: ServeConfiguration.Network, zones: ZoneClassifier,
    baselines: BaselineDetector.Configuration? = BaselineDetector.Configuration(),
    burst: Duration = .seconds(5)
  ) -> [any NetworkDetector] {
    let exemptions = ScanExemptions(
      namespaces: Set(network.scanExemptNamespaces), workloads: Set(network.scanExemptWorkloads))
    var trw = TRWScanDetector.Configuration()
    trw.window = network.scanWindow
    trw.exemptions = exemptions
    var threshold = ThresholdScanDetector.Configuration()
    threshold.window = network.scanWindow
    threshold.portThreshold = network.scanPortThreshold
    threshold.hostThreshold = network.scanHostThreshold
    threshold.inClusterPortThreshold = network.scanInClusterPortThreshold
    threshold.inClusterHostThreshold = network.scanInClusterHostThreshold
    threshold.exemptions = exemptions
    var lateral = LateralMovementDetector.Configuration()
    lateral.newPeerThreshold = network.lateralNewPeers
    lateral.window = network.lateralWindow
    lateral.learningPeriod = network.lateralLearning
    lateral.sensitiveLearningPeriod = network.lateralLearning
    lateral.exemptions = exemptions
    var intel = ThreatIntelDetector.Configuration()
    intel.window = burst
    var miner = CryptominerDetector.Configuration()
    miner.window = burst
    var crossing = ZoneCrossingDetector.Configuration()
    crossing.window = burst
    var plaintext = PlaintextHTTPDetector.Configuration()
    plaintext.window = burst
    var ingress = InternetIngressDetector.Configuration()
    ingress.window = burst
    var detectors: [any NetworkDetector] = [
      TRWScanDetector(configuration: trw), ThresholdScanDetector(configuration: threshold),
      LateralMovementDetector(configuration: lateral),
      ThreatIntelDetector(indicators: IndicatorSet(), configuration: intel),
      CryptominerDetector(configuration: miner),
      ZoneCrossingDetector(classifier: zones, configuration: crossing),
      PlaintextHTTPDetector(configuration: plaintext),
      InternetIngressDetector(configuration: ingress),
    ]
    if let baselines { detectors.append(BaselineDetector(configuration: baselines)) }
    return detectors
  }

  /// The zone classifier for the serve options: namespace labels from `inventory` (when there
  /// is one), name patterns, and the `network.zones` overrides.
  public static func zoneClassifier(_ network: ServeConfiguration.Network, inventory: Inventory?)
    -> ZoneClassifier
  {
    var configuration = ZoneClassifier.Configuration()
    for item in network.zones {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      if parts[1].lowercased() == "none" {
        configuration.unzoned.insert(parts[0])
      } else {
        configuration.overrides[parts[0]] = Zone(parts[1])
      }
    }
    guard let inventory else { return ZoneClassifier(configuration: configuration) }
    return ZoneClassifier(inventory: inventory, configuration: configuration)
  }
}
