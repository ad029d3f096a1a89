/// A line, row or object of a feed that was skipped, with where it was and why.
public struct FeedProblem: Error, Sendable, Hashable, CustomStringConvertible {
  /// Why it was skipped.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// Not an address, range, domain or URL.
    case unrecognizedIndicator = "unrecognized-indicator"
    /// Looks like an address but is not a valid one.
    case invalidAddress = "invalid-address"
    /// A malformed range (`10.0.0.0/33`).
    case invalidCIDR = "invalid-cidr"
    /// A malformed domain name.
    case invalidDomain = "invalid-domain"
    /// A URL without a readable host.
    case invalidURL = "invalid-url"
    /// The CSV column is not in the header (or the row is too short).
    case missingColumn = "missing-column"
    /// A quoted CSV field never closed.
    case unterminatedQuote = "unterminated-quote"
    /// The STIX document is not valid JSON.
    case invalidJSON = "invalid-json"
    /// The JSON is not a STIX bundle, an object list or an indicator.
    case notABundle = "not-a-bundle"
    /// A STIX indicator without a pattern.
    case missingPattern = "missing-pattern"
    /// A pattern language other than STIX (`snort`, `yara`, `sigma` …).
    case unsupportedPatternType = "unsupported-pattern-type"
    /// A STIX pattern Vigil cannot match on flows (AND, FOLLOWEDBY, hashes, …).
    case unsupportedPattern = "unsupported-pattern"
    /// A malformed STIX pattern.
    case invalidPattern = "invalid-pattern"
    /// A revoked STIX indicator.
    case revoked
  }

  /// Why.
  public var code: Code
  /// The 1-based line (text and CSV) or 0-based object index (STIX).
  public var position: Int
  /// The offending text (shortened) or the STIX object's `id`.
  public var detail: String

  /// Creates a problem.
  public init(code: Code, position: Int, detail: String) {
    self.code = code
    self.position = position
    self.detail = detail.count > 120 ? String(detail.prefix(117)) + "..." : detail
  }

  /// What went wrong, in words.
  public var message: String {
    switch code {
    case .unrecognizedIndicator: "not an address, range, domain or URL"
    case .invalidAddress: "not a valid IP address"
    case .invalidCIDR: "not a valid CIDR range"
    case .invalidDomain: "not a valid domain name"
    case .invalidURL: "a URL without a readable host"
    case .missingColumn: "the indicator column is missing"
    case .unterminatedQuote: "a quoted field is not closed"
    case .invalidJSON: "not valid JSON"
    case .notABundle: "not a STIX bundle"
    case .missingPattern: "an indicator without a pattern"
    case .unsupportedPatternType: "a pattern type other than stix"
    case .unsupportedPattern: "a pattern that cannot be matched on flows"
    case .invalidPattern: "a malformed STIX pattern"
    case .revoked: "a revoked indicator"
    }
  }

  /// `line 12: invalid-cidr not a valid CIDR range: 10.0.0.0/33`.
  public var description: String { "\(position): \(code.rawValue) \(message): \(detail)" }
}
