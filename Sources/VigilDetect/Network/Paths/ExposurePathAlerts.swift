import VigilCore
import VigilNet

/// Alerts when a new OBSERVED path from a public entry point to a sensitive service appears:
/// one alert per path (its id is the dedup key), raised again only after `window` with the
/// connections counted since. Pure: the caller passes each new `ExposurePaths` and the time.
public struct ExposurePathAlerts: Sendable {
  /// The rule name.
  public static let rule = "Public entry point reaches sensitive service"
  /// ATT&CK (exploit public-facing application) and the controls on boundary protection and
  /// information-flow enforcement.
  public static let tags = [
    "network", "exposure", "mitre_initial_access", "mitre:T1190", "soc2:CC6.6", "nist:SC-7",
    "nist:AC-4", "cis:5.3.2", "pci:1.3.1", "iso27001:A.8.22",
  ]

  /// How long a path stays reported before it is raised again.
  public var window: Duration
  /// Path id → when it was last alerted and its connections then.
  var alerted: [String: (time: Timestamp, connections: Int)] = [:]

  /// Creates the detector.
  public init(window: Duration = .seconds(86_400)) { self.window = window }

  /// Paths being tracked.
  public var trackedPaths: Int { alerted.count }

  /// The alerts for the observed paths of `paths` that are new, or due again, at `now`.
  public mutating func alerts(for paths: ExposurePaths, at now: Timestamp) -> [Alert] {
    var out: [Alert] = []
    for path in paths.paths where path.kind == .observed {
      let connections = path.connections
      if let previous = alerted[path.id] {
        guard now.since(previous.time) >= window, connections > previous.connections else {
          continue
        }
        out.append(alert(path, count: connections - previous.connections, at: now))
      } else {
        out.append(alert(path, count: max(1, connections), at: now))
      }
      alerted[path.id] = (now, connections)
    }
    return out
  }

  /// Forgets paths alerted before `cutoff` (so a path that comes back is new again).
  public mutating func forget(alertedBefore cutoff: Timestamp) {
    alerted = alerted.filter { $0.value.time >= cutoff }
  }

  /// The alert for one path.
  func alert(_ path: ExposurePath, count: Int, at now: Timestamp) -> Alert {
    let severity: Severity = path.sensitivity.level == .high ? .critical : .warning
    let source = path.entry.id.source
    let subject = AlertSubject(
      namespace: source.namespace.isEmpty ? nil : source.namespace,
      resource: source.kind.lowercased(), name: source.name)
    let evidence = Evidence(
      auditID: nil, stage: nil, time: path.completedAt ?? now,
      position: SourcePosition(file: "network-map:\(path.entry.id)", line: path.hops.count))
    let fields = [
      AlertField(name: "path.entry", value: path.entry.label),
      AlertField(name: "path.start", value: path.startLabel),
      AlertField(name: "path.target", value: path.targetLabel),
      AlertField(name: "path.sensitivity", value: path.sensitivity.reason),
      AlertField(name: "path.hops", value: String(path.hops.count)),
      AlertField(name: "path.connections", value: String(path.connections)),
      AlertField(name: "path.text", value: path.text),
    ]
    return Alert(
      rule: Self.rule, severity: severity, time: path.completedAt ?? now,
      lastSeen: path.lastSeen ?? now,
      output:
        "Public entry point \(path.entry.label) reaches sensitive \(path.targetLabel) "
        + "(\(path.sensitivity.reason)) over \(path.hops.count) observed hops via \(path.startLabel)",
      source: FlowAlert.source, tags: Self.tags, fields: fields, subject: subject,
      evidence: [evidence], dedupKey: DedupKey.make([Self.rule, path.id]), count: count)
  }
}
