/// The parity evaluation's results: one row per model and dataset, with the published target,
/// and a small text table for `vigil eval`.
public struct EvaluationReport: Sendable {
  /// One model on one dataset.
  public struct Row: Sendable {
    /// The model and its parameters, e.g. `HST t=25 h=15 ψ=250`.
    public var model: String
    /// The dataset's file name.
    public var dataset: String
    /// Points or edges scored.
    public var items: Int
    /// How many of them are labelled anomalies.
    public var anomalies: Int
    /// ROC-AUC (the mean over the seeds run).
    public var rocAUC: Double
    /// The lowest and highest ROC-AUC over the seeds run.
    public var rocAUCSpread: ClosedRange<Double>
    /// The published range the ROC-AUC should land in.
    public var target: ClosedRange<Double>
    /// Points or edges scored per second on one core (the fastest seed's run).
    public var rate: Double
    /// Per second, a plain loop over the same inputs in the same run (0 when not measured).
    public var ceiling: Double
    /// Lines of the dataset skipped as malformed.
    public var malformed: Int
    /// The ROC-AUC of each seed, in the order run.
    public var seedROCAUCs: [Double] = []
    /// For a replication of logged runs: the ROC-AUC logged for each seed (else empty).
    public var loggedROCAUCs: [Double] = []

    /// How many seeds' ROC-AUC equals the logged one to the 6th decimal (the logs' precision).
    public var reproducedRuns: Int {
      zip(seedROCAUCs, loggedROCAUCs).filter { abs($0 - $1) < 5e-7 }.count
    }

    /// True when the mean ROC-AUC is in the target range.
    public var meetsTarget: Bool { target.contains(rocAUC) }
    /// rate ÷ ceiling (0 when no ceiling was measured).
    public var ratio: Double { ceiling > 0 ? rate / ceiling : 0 }
  }

  /// The rows, in the order run.
  public var rows: [Row]

  /// One line per row: the model, the dataset and each seed's ROC-AUC (4 decimals).
  public var seedText: String {
    rows.map { row in
      "\(row.model) on \(row.dataset): "
        + row.seedROCAUCs.map { fixed($0, 4) }.joined(separator: " ")
    }.joined(separator: "\n") + "\n"
  }

  /// True when every row meets its target.
  public var allMeetTargets: Bool { rows.allSatisfy(\.meetsTarget) }

  /// A fixed-width table, one line per row, then the verdict.
  public var text: String {
    let header = [
      "model", "dataset", "items", "anom", "ROC-AUC", "seeds min–max", "target", "ok",
      "items/s", "ceiling/s", "ratio",
    ]
    var lines = [header]
    for row in rows {
      lines.append([
        row.model, row.dataset, "\(row.items)", "\(row.anomalies)", fixed(row.rocAUC, 4),
        "\(fixed(row.rocAUCSpread.lowerBound, 4))–\(fixed(row.rocAUCSpread.upperBound, 4))",
        row.target.upperBound >= 1
          ? "≥ \(fixed(row.target.lowerBound, 3))"
          : "\(fixed(row.target.lowerBound, 3))–\(fixed(row.target.upperBound, 3))",
        row.meetsTarget ? "yes" : "NO", rateText(row.rate),
        row.ceiling > 0 ? rateText(row.ceiling) : "-",
        row.ceiling > 0 ? fixed(row.ratio, 3) : "-",
      ])
    }
    var widths = [Int](repeating: 0, count: header.count)
    for line in lines {
      for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    var out = ""
    for line in lines {
      let cells = line.enumerated().map { i, cell in
        cell + String(repeating: " ", count: widths[i] - cell.count)
      }
      out += cells.joined(separator: "  ").trimmingSuffixSpaces() + "\n"
    }
    for row in rows where !row.loggedROCAUCs.isEmpty {
      out +=
        "\(row.model): \(row.reproducedRuns) of \(row.loggedROCAUCs.count) logged runs reproduced"
        + " to 6 decimals\n"
    }
    let met = rows.filter(\.meetsTarget).count
    out += "\(met) of \(rows.count) rows meet their published target\n"
    return out
  }
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String {
  guard value.isFinite else { return "nan" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let scaled = (abs(value) * scale).rounded()
  let whole = Int(scaled / scale)
  let fraction = Int(scaled - Double(whole) * scale)
  var decimals = String(fraction)
  while decimals.count < digits { decimals = "0" + decimals }
  return (value < 0 ? "-" : "") + "\(whole)" + (digits > 0 ? "." + decimals : "")
}

/// A rate as `1.23 M` or `456.7 k`.
func rateText(_ perSecond: Double) -> String {
  if perSecond >= 1e6 { return fixed(perSecond / 1e6, 2) + " M" }
  return fixed(perSecond / 1e3, 1) + " k"
}

extension String {
  /// The string without trailing spaces.
  func trimmingSuffixSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
