import VigilCore

extension MultivariateDetector {
  /// The rule name multivariate alerts carry.
  public static let ruleName = "Unusual Activity Mix"
  /// Tags (ATT&CK and compliance controls) multivariate alerts carry.
  public static let tags = [
    "vigil", "anomaly", "multivariate", "mitre:T1046", "mitre:T1021", "soc2:CC7.2",
    "soc2:CC7.3", "nist:SI-4", "nist:AU-6", "cis:5.3.2", "pci:10.6", "pci:11.5",
    "iso27001:A.8.16",
  ]

  /// Features named in an alert at most.
  static let namedFeatures = 3

  /// Whether a feature that contributed most to the window's score lies outside the entity's
  /// own typical range (or the entity has no history for it).
  func isAtypicalForEntity(raw: [Double], contributions: [Double], state: EntityState) -> Bool {
    var order = raw.indices.filter { contributions[$0] > 0 }
    order.sort { contributions[$0] > contributions[$1] }
    for feature in order.prefix(Self.namedFeatures) {
      guard let range = typicalRange(feature, in: state) else { return true }
      if !range.contains(raw[feature]) { return true }
    }
    return false
  }

  /// The alert for an unusual window: the features that contributed most, with their values
  /// and typical values, and how long the entity has been learned.
  func makeAlert(
    key: EntityKey, state: EntityState, raw: [Double], contributions: [Double], score: Double,
    deviations: Double
  ) -> Alert {
    var order = raw.indices.filter { contributions[$0] > 0 }
    order.sort { contributions[$0] > contributions[$1] }
    let top = Array(order.prefix(Self.namedFeatures))
    let described = top.map { feature in
      let typical = typicalRange(feature, in: state).map { range in
        range.lowerBound == range.upperBound
          ? format(range.lowerBound, feature)
          : "\(format(range.lowerBound, feature))–\(format(range.upperBound, feature))"
      }
      return "\(ActivityFeatures.names[feature]) \(format(raw[feature], feature))"
        + " (typical \(typical ?? "unknown"))"
    }
    let window = state.window ?? state.lastWindow
    let start = Timestamp(nanoseconds: window &* windowNanoseconds)
    let end = Timestamp(nanoseconds: start.nanoseconds &+ windowNanoseconds)
    let learnedSeconds = Double(window - state.firstWindow) * Double(windowNanoseconds) / 1e9
    let minutes = StatisticalFormat.number(Double(windowNanoseconds) / 60e9)
    let rounded = (score * 10).rounded() / 10
    let spread = (deviations * 10).rounded() / 10
    let output =
      "Unusual activity for \(key.kind.rawValue) \(key.name) in \(minutes) min: "
      + described.joined(separator: ", ")
      + "; score \(rounded) (\(spread) robust deviations above the \(key.kind.rawValue) windows' "
      + "usual scores), learned \(StatisticalFormat.span(seconds: learnedSeconds)) over "
      + "\(state.closed) windows"
    var fields = [
      AlertField(name: "anomaly.score", value: String(rounded)),
      AlertField(name: "anomaly.deviations", value: String(spread)),
      AlertField(name: "anomaly.windows", value: String(state.closed)),
      AlertField(name: "anomaly.window_start", value: start.description),
      AlertField(
        name: "anomaly.top_features",
        value: top.map { ActivityFeatures.names[$0] }
          .joined(separator: ",")),
    ]
    for feature in top {
      let name = ActivityFeatures.names[feature].replacingSpaces()
      fields.append(
        AlertField(name: "anomaly.feature.\(name)", value: format(raw[feature], feature)))
    }
    return StatisticalAlert.make(
      rule: Self.ruleName, severity: .warning, entity: key, time: start, lastSeen: end,
      output: output, tags: Self.tags, fields: fields, dedupKey: [], detector: "multivariate")
  }

  private func format(_ value: Double, _ feature: Int) -> String {
    if feature == ActivityFeatures.index(of: .bytesOut) { return StatisticalFormat.bytes(value) }
    if feature >= ActivityFeatures.failureFraction {
      return "\(Int((value * 100).rounded()))%"
    }
    return StatisticalFormat.number(value)
  }
}

extension String {
  /// Spaces as underscores, for field names.
  fileprivate func replacingSpaces() -> String {
    String(map { $0 == " " ? "_" : $0 })
  }
}
