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
  public static func audit(rules: RuleSet) -> [AnyDetector] {
    [
      RuleDetector(rules: rules), DeployerBaselineDetector(), ExposureAuditDetector(),
      RBACAuditDetector(), RegistryAuditDetector(), ProvenanceDetector(),
    ]
  }
}
