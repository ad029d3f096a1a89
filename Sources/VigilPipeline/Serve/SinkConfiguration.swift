import VigilCore

/// One alert destination of `vigil serve`, as the config file, flags and environment give it.
/// The options a kind does not use are ignored.
public struct SinkConfiguration: Sendable, Hashable {
  /// The kinds of destination.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// JSON lines on standard output.
    case stdout
    /// JSON lines in a file that rotates by size.
    case file
    /// A generic HTTP endpoint: Vigil's alert JSON, signed with HMAC-SHA256.
    case webhook
    /// A Slack incoming webhook: a readable message.
    case slack
    /// Falcosidekick (or anything taking Falco's alert JSON).
    case falcosidekick
  }

  /// A unique name (`security-webhook`); metrics and the outbox are keyed by it.
  public var name: String
  /// The kind of destination.
  public var kind: Kind
  /// Alerts below this priority are not sent here.
  public var minimumSeverity: Severity = .debug
  /// Only these rules (empty: all).
  public var rules: [String] = []
  /// Never these rules.
  public var excludeRules: [String] = []
  /// Only alerts carrying at least one of these tags (empty: all).
  public var tags: [String] = []

  /// `file`: the file written.
  public var path: String?
  /// `file`: the size at which the file rotates.
  public var maxBytes: Int = 100 << 20
  /// `file`: how many rotated files are kept (`alerts.json.1` … `.N`).
  public var maxFiles: Int = 5

  /// `webhook`, `slack`, `falcosidekick`: the URL posted to.
  public var url: String?
  /// `webhook`: the HMAC-SHA256 key; the signature goes in `X-Vigil-Signature: sha256=<hex>`.
  public var secret: String?
  /// Extra HTTP headers sent with each request.
  public var headers: [String: String] = [:]
  /// Per-request timeout.
  public var timeout: Duration = .seconds(10)
  /// Attempts before an alert goes to the dead-letter file.
  public var maxAttempts: Int = 8
  /// The first retry delay; each later one doubles, up to ``maxBackoff``.
  public var initialBackoff: Duration = .seconds(1)
  /// The longest retry delay.
  public var maxBackoff: Duration = .seconds(300)
  /// Where alerts that exhausted their attempts are appended as JSON lines (default:
  /// `<store directory>/dead-letter-<name>.jsonl`).
  public var deadLetterPath: String?
  /// `slack`: a link to the alert, `{id}` and `{rule}` substituted (e.g. a UI or SIEM URL).
  public var linkTemplate: String?

  /// Creates a sink configuration with the defaults.
  public init(name: String, kind: Kind) {
    self.name = name
    self.kind = kind
  }
}
