import VigilCore

extension EdgeBurstDetector {
  /// The rule name edge-burst alerts carry.
  public static let ruleName = "Burst of Interactions Between Entities"
  /// Tags (ATT&CK and compliance controls) edge-burst alerts carry.
  public static let tags = [
    "vigil", "anomaly", "edge_burst", "mitre:T1046", "mitre:T1021", "soc2:CC7.2", "soc2:CC7.3",
    "nist:SI-4", "nist:AU-6", "cis:5.3.2", "pci:10.6", "pci:11.5", "iso27001:A.8.16",
  ]

  /// The alert for a burst seen on `edge`: what burst, its count this tick against its running
  /// average, and the score.
  func makeAlert(edge: EntityEdge, burst: Burst, score: Double, threshold: Double, tick: Int64)
    -> Alert
  {
    let ticks = max(1, Double(tick - (firstTick ?? tick) + 1))
    // The average over the ticks before this one (the burst itself left out).
    let earlier = max(0, burst.total - Double(burst.count))
    let average = ticks > 1 ? earlier / (ticks - 1) : 0
    let per = StatisticalFormat.number(Double(tickNanoseconds) / 60e9)
    let unit = per == "1" ? "min" : "\(per) min"
    let span = "\(per) min"
    let what: String =
      switch burst.part {
      case .edge: "\(burst.count) interactions \(edge.source) → \(edge.destination)"
      case .source:
        "\(burst.count) interactions from \(edge.source) (latest to \(edge.destination))"
      case .destination:
        "\(burst.count) interactions to \(edge.destination) (latest from \(edge.source))"
      }
    let history = StatisticalFormat.span(seconds: (ticks - 1) * Double(tickNanoseconds) / 1e9)
    let output =
      "Burst of interactions for \(edge.entity.kind.rawValue) \(edge.entity.name): \(what) in "
      + "\(span); running average \(StatisticalFormat.number(average)) per \(unit) over "
      + "\(history) (MIDAS-R score \(StatisticalFormat.number(score)), threshold "
      + "\(StatisticalFormat.number(threshold)))"
    let start = Timestamp(nanoseconds: tick &* tickNanoseconds)
    let fields = [
      AlertField(name: "anomaly.edge.source", value: edge.source),
      AlertField(name: "anomaly.edge.destination", value: edge.destination),
      AlertField(name: "anomaly.burst", value: burst.part.rawValue),
      AlertField(name: "anomaly.count", value: String(burst.count)),
      AlertField(name: "anomaly.average", value: StatisticalFormat.number(average)),
      AlertField(name: "anomaly.score", value: StatisticalFormat.number(score)),
      AlertField(name: "anomaly.threshold", value: StatisticalFormat.number(threshold)),
      AlertField(name: "anomaly.tick_start", value: start.description),
    ]
    return StatisticalAlert.make(
      rule: Self.ruleName, severity: .warning, entity: edge.entity, time: edge.time,
      lastSeen: edge.time, output: output, tags: Self.tags, fields: fields, dedupKey: [],
      detector: "edge_burst")
  }
}
