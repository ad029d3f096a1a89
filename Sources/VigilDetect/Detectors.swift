import VigilCore
import VigilRules

/// The detectors Vigil runs on the audit stream, as an explicit list (STYLE.md §5): the rule
/// engine first, then the stateful detectors written in code.
public enum Detectors {
  /// A detector of any kind.
  public typealias AnyDetector = any Detector & Sendable

  /// Every detector for the audit stream, given the loaded rules: the rule engine, deploy
  /// provenance (image changes and other workload writes by unusual identities, hand-made
  /// workloads in CD-fed namespaces), and the inventory detectors (ingress exposure, RBAC
  /// permission diffs, new registries) that rebuild the cluster model from the audit bodies.
  /// With a `cluster` seed (a snapshot of what existed before the stream), the inventory
  /// detectors start from it and registries already in use are not news.
  /// With `baselines` (the default), learned baselines of users, service accounts and
  /// namespaces run last.
  public static func audit(
    rules: RuleSet, cluster: ClusterSeed? = nil,
    baselines: BaselineDetector.Configuration? = BaselineDetector.Configuration()
  ) -> [AnyDetector] {
    var detectors: [AnyDetector]
    if let cluster {
      detectors = [
        RuleDetector(rules: rules), DeployerBaselineDetector(),
        ExposureAuditDetector(inventory: cluster.exposure, known: cluster.objects),
        RBACAuditDetector(model: cluster.rbac, known: cluster.objects),
        RegistryAuditDetector(inventory: cluster.registries, learningPeriod: .zero),
        ProvenanceDetector(),
      ]
    } else {
      detectors = [
        RuleDetector(rules: rules), DeployerBaselineDetector(), ExposureAuditDetector(),
        RBACAuditDetector(), RegistryAuditDetector(), ProvenanceDetector(),
      ]
    }
    if let baselines { detectors.append(BaselineDetector(configuration: baselines)) }
    return detectors
  }
}
