/// Reads a CSV feed: a header row (unless told there is none), `#` comment lines, RFC 4180
/// quoted fields (`""` for a quote, separators and newlines inside quotes). The indicator comes
/// from the chosen column (by header name, case-insensitive, or 0-based index), its description
/// optionally from another. Pure: bytes in.
public enum CSVFeedParser {
  /// A column, by header name or 0-based index.
  public enum Column: Sendable, Hashable {
    /// The column whose header is this name.
    case name(String)
    /// The column at this 0-based index.
    case index(Int)
  }

  /// How the CSV is laid out.
  public struct Configuration: Sendable, Hashable {
    /// The column holding the indicator.
    public var column: Column
    /// The column holding its description, if any.
    public var descriptionColumn: Column?
    /// Whether the first non-comment row is a header.
    public var hasHeader: Bool
    /// The field separator.
    public var separator: UInt8

    /// Creates a configuration.
    public init(
      column: Column, descriptionColumn: Column? = nil, hasHeader: Bool = true,
      separator: UInt8 = UInt8(ascii: ",")
    ) {
      self.column = column
      self.descriptionColumn = descriptionColumn
      self.hasHeader = hasHeader
      self.separator = separator
    }
  }

  /// Parses `bytes` as feed `feed`.
  public static func parse(_ bytes: [UInt8], feed: String, configuration: Configuration)
    -> FeedParseResult
  {
    var result = FeedParseResult()
    var reader = CSVRecordReader(bytes: bytes, separator: configuration.separator)
    var indicatorIndex: Int?
    var descriptionIndex: Int?
    if case .index(let i) = configuration.column { indicatorIndex = i }
    if case .index(let i)? = configuration.descriptionColumn { descriptionIndex = i }
    var needHeader = configuration.hasHeader
    while let record = reader.next() {
      if record.unterminated {
        result.skip(FeedProblem(code: .unterminatedQuote, position: record.line, detail: ""))
        break
      }
      let fields = record.fields
      if fields.count == 1 && fields[0].isEmpty { continue }
      if let first = fields.first, first.first == "#", !record.firstFieldQuoted { continue }
      if needHeader {
        needHeader = false
        let names = fields.map { $0.trimmed().lowercased() }
        if case .name(let name) = configuration.column {
          indicatorIndex = names.firstIndex(of: name.lowercased())
        }
        if case .name(let name)? = configuration.descriptionColumn {
          descriptionIndex = names.firstIndex(of: name.lowercased())
        }
        if indicatorIndex == nil {
          result.skip(
            FeedProblem(
              code: .missingColumn, position: record.line, detail: names.joined(separator: ",")))
          return result
        }
        continue
      }
      guard let column = indicatorIndex, column >= 0, column < fields.count else {
        result.skip(FeedProblem(code: .missingColumn, position: record.line, detail: ""))
        continue
      }
      let token = fields[column].trimmed()
      if token.isEmpty {
        result.skip(FeedProblem(code: .unrecognizedIndicator, position: record.line, detail: ""))
        continue
      }
      var description: String?
      if let d = descriptionIndex, d >= 0, d < fields.count {
        let text = fields[d].trimmed()
        if !text.isEmpty { description = text }
      }
      switch IndicatorText.classify(token) {
      case .indicator(let kind, let value, let host):
        result.indicators.append(
          Indicator(kind: kind, value: value, host: host, feed: feed, description: description))
      case .invalid(let code):
        result.skip(FeedProblem(code: code, position: record.line, detail: token))
      }
    }
    return result
  }
}

extension String {
  /// Without leading and trailing spaces and tabs.
  func trimmed() -> String {
    var view = Substring(self)
    while let c = view.first, c == " " || c == "\t" || c == "\r" { view.removeFirst() }
    while let c = view.last, c == " " || c == "\t" || c == "\r" { view.removeLast() }
    return String(view)
  }
}
