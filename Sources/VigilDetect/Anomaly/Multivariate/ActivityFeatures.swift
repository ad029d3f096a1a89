#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The feature vector of one entity's window of activity: counts per series, distinct values
/// per fact category and two failure fractions, with their names and the log scaling the
/// multivariate model sees.
public enum ActivityFeatures {
  /// The number of features.
  public static let count = SeriesKind.allCases.count + FactCategory.allCases.count + 2
  /// The index of the connection failure fraction.
  public static let failureFraction = SeriesKind.allCases.count + FactCategory.allCases.count
  /// The index of the 401/403 fraction.
  public static let authFailureFraction = failureFraction + 1

  /// The index of a series' count.
  public static func index(of series: SeriesKind) -> Int {
    SeriesKind.allCases.firstIndex(of: series) ?? 0
  }

  /// The index of a category's distinct-value count.
  public static func index(of category: FactCategory) -> Int {
    SeriesKind.allCases.count + (FactCategory.allCases.firstIndex(of: category) ?? 0)
  }

  /// Feature names, in vector order: `failedConnections`, `distinct peers`, `failure fraction` …
  public static let names: [String] =
    SeriesKind.allCases.map(\.rawValue)
    + FactCategory.allCases.map { "distinct \(plural($0))" } + [
      "failure fraction", "auth failure fraction",
    ]

  /// Where log-scaled features saturate (the value mapped to 1): counts and distinct values.
  static func cap(_ index: Int) -> Double {
    if index == ActivityFeatures.index(of: .bytesOut) { return 1e11 }
    if index < SeriesKind.allCases.count { return 1e6 }
    if index < failureFraction { return 1e4 }
    return 1
  }

  /// The raw vector (counts, distinct counts, fractions) of a window.
  static func raw(counts: [Double], distinct: [Int]) -> [Double] {
    var x = counts
    x.append(contentsOf: distinct.map(Double.init))
    let connections = counts[index(of: .connections)]
    let failed = counts[index(of: .failedConnections)]
    let calls = counts[index(of: .apiCalls)]
    let denied = counts[index(of: .authFailures)]
    x.append(fraction(failed, of: max(connections, failed)))
    x.append(fraction(denied, of: max(calls, denied)))
    return x
  }

  /// The model's view of a raw vector: log(1 + x) over log(1 + cap) for counts, fractions as
  /// they are; every feature in 0…1.
  public static func scaled(_ raw: [Double]) -> [Double] {
    var out = raw
    for i in out.indices {
      let cap = cap(i)
      if cap == 1 {
        out[i] = min(1, max(0, raw[i]))
      } else {
        out[i] = min(1, log1p(max(0, raw[i])) / log1p(cap))
      }
    }
    return out
  }

  /// A fraction once the window holds enough attempts to make one (a single denied call is a
  /// count, not "100 % failures").
  private static func fraction(_ part: Double, of whole: Double) -> Double {
    whole >= minimumForFraction ? part / whole : 0
  }

  /// Attempts a window needs before its failure fractions count.
  static let minimumForFraction = 10.0

  private static func plural(_ category: FactCategory) -> String {
    switch category {
    case .peer: "peers"
    case .domain: "domains"
    case .listeningPort: "listening ports"
    case .process: "processes"
    case .apiCall: "API call shapes"
    case .userAgent: "user agents"
    case .sourceIP: "source IPs"
    case .registry: "registries"
    case .image: "images"
    }
  }
}
