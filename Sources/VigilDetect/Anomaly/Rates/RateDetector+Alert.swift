import VigilCore

extension RateDetector {
  /// The rule name rate alerts carry.
  public static let ruleName = "Unusual Rate of Activity"

  /// The ATT&CK techniques and compliance controls of an unusual rate of `series`.
  public static func tags(for series: SeriesKind) -> [String] {
    let techniques: [String] =
      switch series {
      case .authFailures: ["mitre:T1110", "nist:AC-7", "cis:5.1.1"]
      case .bytesOut: ["mitre:T1048", "mitre:T1567", "mitre:T1530", "nist:SC-7", "cis:5.3.2"]
      case .failedConnections: ["mitre:T1046", "pci:11.4", "cis:5.3.2"]
      case .connections: ["mitre:T1046", "mitre:T1021", "cis:5.3.2"]
      case .apiCalls, .writes: ["mitre:T1106", "mitre:T1078", "cis:5.1.1"]
      }
    return ["vigil", "anomaly", "rate"] + techniques + [
      "soc2:CC7.2", "soc2:CC7.3", "nist:SI-4", "nist:AU-6", "pci:10.6", "pci:11.5",
      "iso27001:A.8.16",
    ]
  }
}

extension RateDetector.Closer {
  /// The alert for a bucket of `key` that deviated: value, expected range, and the history
  /// behind the expectation.
  func makeAlert(
    key: RateDetector.SeriesKey, value: Double, start: Timestamp,
    expectation: SeasonalBaseline.Expectation, finding: Finding, baseline: SeasonalBaseline
  ) -> Alert {
    let series = key.series
    let range = expectation.range(threshold: finding.threshold)
    let low = StatisticalFormat.amount(range.lowerBound, of: series)
    let high = StatisticalFormat.amount(range.upperBound, of: series)
    let center = StatisticalFormat.amount(expectation.center, of: series)
    let learned = baseline.firstBucket.map { start.since($0) } ?? .zero
    let learnedText = StatisticalFormat.span(seconds: Double(learned.components.seconds))
    let basis: String
    let history: String
    switch expectation.source {
    case .seasonal(let weeks):
      basis = "hour-of-week median \(center), \(weeks) weeks of history"
      history = "\(weeks) weeks"
    case .ewma:
      basis = "recent mean \(center), \(learnedText) of history, no hour-of-week baseline yet"
      history = learnedText
    }
    let minutes = StatisticalFormat.number(Double(bucketNanoseconds) / 60e9)
    let noun = StatisticalFormat.noun(series)
    let amount =
      series == .bytesOut
      ? StatisticalFormat.bytes(value) + " sent" : "\(StatisticalFormat.number(value)) \(noun)"
    let direction = finding.score < 0 ? "Unusually low" : "Unusual"
    let output =
      "\(direction) rate of \(noun) for \(key.entity.kind.rawValue) \(key.entity.name): "
      + "\(amount) in \(minutes) min; expected \(low)–\(high) (\(basis))"
    let end = Timestamp(nanoseconds: start.nanoseconds &+ bucketNanoseconds)
    let fields = [
      AlertField(name: "anomaly.series", value: series.rawValue),
      AlertField(name: "anomaly.value", value: StatisticalFormat.number(value)),
      AlertField(name: "anomaly.expected_low", value: StatisticalFormat.number(range.lowerBound)),
      AlertField(name: "anomaly.expected_high", value: StatisticalFormat.number(range.upperBound)),
      AlertField(name: "anomaly.expected", value: StatisticalFormat.number(expectation.center)),
      AlertField(name: "anomaly.baseline", value: expectation.source.label),
      AlertField(name: "anomaly.history", value: history),
      AlertField(name: "anomaly.score", value: String((finding.score * 10).rounded() / 10)),
      AlertField(name: "anomaly.bucket_start", value: start.description),
      AlertField(name: "anomaly.bucket_minutes", value: minutes),
    ]
    return StatisticalAlert.make(
      rule: RateDetector.ruleName, severity: finding.score < 0 ? .notice : .warning,
      entity: key.entity, time: start, lastSeen: end, output: output,
      tags: RateDetector.tags(for: series), fields: fields,
      dedupKey: [series.rawValue, finding.score < 0 ? "low" : "high"], detector: "rates")
  }
}

extension SeasonalBaseline.Expectation.Source {
  /// `seasonal` or `ewma`.
  public var label: String {
    switch self {
    case .seasonal: "seasonal"
    case .ewma: "ewma"
    }
  }
}
