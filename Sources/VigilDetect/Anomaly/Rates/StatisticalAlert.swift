import VigilCore

/// Builds the alerts of the statistical anomaly detectors (rates, multivariate windows, edge
/// bursts) the same way: source `vigil_anomaly`, the entity as the subject, the detector's
/// fields, and a dedup key stable per entity and finding.
public enum StatisticalAlert {
  /// The rule `source` of anomaly alerts.
  public static let source = "vigil_anomaly"

  /// An alert about `entity`.
  public static func make(
    rule: String, severity: Severity, entity: EntityKey, time: Timestamp, lastSeen: Timestamp,
    output: String, tags: [String], fields: [AlertField], dedupKey: [String], detector: String
  ) -> Alert {
    let entityFields = [
      AlertField(name: "anomaly.detector", value: detector),
      AlertField(name: "anomaly.entity", value: entity.name),
      AlertField(name: "anomaly.entity_kind", value: entity.kind.rawValue),
    ]
    let evidence = Evidence(
      auditID: nil, stage: nil, time: time,
      position: SourcePosition(file: "\(source):\(detector)", line: 0))
    return Alert(
      rule: rule, severity: severity, time: time, lastSeen: lastSeen, output: output,
      source: source, tags: tags, fields: entityFields + fields, subject: subject(entity),
      evidence: [evidence], dedupKey: DedupKey.make([rule, entity.description] + dedupKey))
  }

  /// The alert subject for an entity: a user or service account as the actor, a workload as the
  /// object.
  public static func subject(_ entity: EntityKey) -> AlertSubject {
    switch entity.kind {
    case .user:
      return AlertSubject(user: entity.name)
    case .serviceAccount:
      let parts = entity.name.split(separator: "/", maxSplits: 1)
      let user =
        parts.count == 2 ? "system:serviceaccount:\(parts[0]):\(parts[1])" : entity.name
      return AlertSubject(user: user, namespace: entity.namespace)
    case .workload:
      let parts = entity.name.split(separator: "/", maxSplits: 2)
      guard parts.count == 3 else {
        return AlertSubject(namespace: entity.namespace, name: entity.name)
      }
      return AlertSubject(
        namespace: entity.namespace ?? String(parts[0]), resource: parts[1].lowercased() + "s",
        name: String(parts[2]))
    case .namespace:
      return AlertSubject(
        namespace: entity.namespace ?? entity.name, resource: "namespaces",
        name: entity.name)
    }
  }
}
