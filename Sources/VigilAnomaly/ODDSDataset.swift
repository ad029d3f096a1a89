#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A tabular outlier-detection dataset in the ODDS / ADBench CSV form (`http.csv`, `smtp.csv`):
/// a header line, numeric columns, one of them named `label` (1 = anomaly). Rows keep the
/// file's order, which is the stream order for streaming models.
public struct ODDSDataset: Sendable {
  /// The feature column names (every column but `label`), in file order.
  public var featureNames: [String]
  /// The features, row after row (`rows × dimensions`).
  public var features: [Double]
  /// Per row: true when the row is an anomaly.
  public var labels: [Bool]
  /// Lines that were skipped (malformed), with their line numbers; at most `malformedKept`.
  public var malformed: [MalformedLine]
  /// How many lines were skipped in all.
  public var malformedCount: Int

  /// The malformed lines kept for the report (the count covers all of them).
  public static let malformedKept = 20

  /// The number of features per row.
  public var dimensions: Int { featureNames.count }
  /// The number of rows.
  public var rows: Int { labels.count }
  /// The number of anomalies.
  public var anomalies: Int { labels.reduce(0) { $0 + ($1 ? 1 : 0) } }

  /// Row `index`'s features.
  public func row(_ index: Int) -> [Double] {
    Array(features[(index * dimensions)..<((index + 1) * dimensions)])
  }

  /// Each feature's smallest and largest value over the whole dataset.
  public var featureRanges: [ClosedRange<Double>] {
    var scaler = MinMaxScaler(dimensions: dimensions)
    for r in 0..<rows { scaler.learn(row(r)) }
    return scaler.ranges
  }

  /// Reads the CSV at `path`.
  public init(contentsOf path: String) throws(DatasetError) {
    let bytes = try FileBytes.contents(of: path)
    try self.init(csv: bytes, path: path)
  }

  /// Parses CSV bytes (`path` names them in errors).
  public init(csv bytes: [UInt8], path: String = "<memory>") throws(DatasetError) {
    var text = bytes
    if text.last != 0 { text.append(0) }
    var names: [String] = []
    var labelColumn = -1
    var features: [Double] = []
    var labels: [Bool] = []
    var malformed: [MalformedLine] = []
    var malformedCount = 0
    text.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let end = buffer.count - 1  // the NUL
      var position = 0
      var lineNumber = 0
      // Header.
      while position < end {
        var lineEnd = position
        while lineEnd < end && base[lineEnd] != 0x0A { lineEnd += 1 }
        lineNumber += 1
        let line = String(
          decoding: UnsafeBufferPointer(start: base + position, count: lineEnd - position),
          as: UTF8.self)
        position = lineEnd + 1
        let trimmed = line.filter { $0 != "\r" && $0 != " " }
        if trimmed.isEmpty { continue }
        names = trimmed.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        labelColumn = names.firstIndex(of: "label") ?? -1
        break
      }
      guard labelColumn >= 0 else { return }
      let columns = names.count
      var row = [Double](repeating: 0, count: columns)
      while position < end {
        var lineEnd = position
        while lineEnd < end && base[lineEnd] != 0x0A { lineEnd += 1 }
        lineNumber += 1
        defer { position = lineEnd + 1 }
        if lineEnd == position || (lineEnd == position + 1 && base[position] == 0x0D) { continue }
        var cursor = position
        var field = 0
        var problem: String?
        while field < columns {
          var next: UnsafeMutablePointer<CChar>?
          let start = UnsafeMutableRawPointer(mutating: base + cursor).assumingMemoryBound(
            to: CChar.self)
          let value = strtod(start, &next)
          let consumed = next.map { UnsafeRawPointer($0) - UnsafeRawPointer(start) } ?? 0
          if consumed == 0 || !value.isFinite {
            problem = "column \(field + 1) is not a finite number"
            break
          }
          cursor += consumed
          while cursor < lineEnd && (base[cursor] == 0x20 || base[cursor] == 0x0D) { cursor += 1 }
          row[field] = value
          field += 1
          if field < columns {
            guard cursor < lineEnd && base[cursor] == 0x2C else {
              problem = "expected \(columns) fields, found \(field)"
              break
            }
            cursor += 1
          }
        }
        if problem == nil && cursor != lineEnd {
          problem = "more than \(columns) fields"
        }
        if let problem {
          malformedCount += 1
          if malformed.count < ODDSDataset.malformedKept {
            malformed.append(MalformedLine(line: lineNumber, reason: problem))
          }
          continue
        }
        for c in 0..<columns where c != labelColumn { features.append(row[c]) }
        labels.append(row[labelColumn] != 0)
      }
    }
    guard labelColumn >= 0 else { throw DatasetError(.missingLabelColumn, path: path) }
    guard !labels.isEmpty else { throw DatasetError(.empty, path: path) }
    var featureNames = names
    featureNames.remove(at: labelColumn)
    self.featureNames = featureNames
    self.features = features
    self.labels = labels
    self.malformed = malformed
    self.malformedCount = malformedCount
  }
}
