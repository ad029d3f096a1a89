/// Reads samples from Prometheus text exposition.
enum MetricsText {
  /// The value of the sample `name{labels}` (labels in any order), nil when absent.
  static func value(in text: String, name: String, labels: [String: String]) -> Double? {
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      guard let space = line.lastIndex(of: " ") else { continue }
      let series = line[..<space]
      let (seriesName, seriesLabels) = parse(series)
      if seriesName == name, seriesLabels == labels {
        return Double(line[line.index(after: space)...])
      }
    }
    return nil
  }

  /// `name{a="1",b="2"}` → name and labels (label values hold no quotes or commas here).
  private static func parse(_ series: Substring) -> (Substring, [String: String]) {
    guard let brace = series.firstIndex(of: "{") else { return (series, [:]) }
    var labels: [String: String] = [:]
    let inner = series[series.index(after: brace)...].dropLast()
    for pair in inner.split(separator: ",") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      guard parts.count == 2 else { continue }
      labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
    }
    return (series[..<brace], labels)
  }
}
