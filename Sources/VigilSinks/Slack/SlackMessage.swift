import VigilCore

/// The Slack incoming-webhook payload for an alert: a `text` fallback (notifications, old
/// clients) and `blocks`: a header with the priority and rule, the output, Who / What / Where
/// fields, the controls and ATT&CK techniques, and a link when a template is configured.
public enum SlackMessage {
  /// Slack's limits: header text, section text, field text.
  static let headerLimit = 150
  static let sectionLimit = 3000
  static let fieldLimit = 2000

  /// The payload's JSON bytes.
  public static func payload(_ alert: Alert, linkTemplate: String? = nil) -> [UInt8] {
    tree(alert, linkTemplate: linkTemplate).bytes
  }

  /// The payload as a tree.
  static func tree(_ alert: Alert, linkTemplate: String?) -> JSONTree {
    let priority = alert.severity.falcoName
    let header = "\(emoji(alert.severity)) \(priority): \(alert.rule)"
    var blocks: [JSONTree] = [
      .object([
        "type": .string("header"),
        "text": .object([
          "type": .string("plain_text"), "text": .string(truncated(escape(header), headerLimit)),
          "emoji": .bool(true),
        ]),
      ]),
      .object([
        "type": .string("section"),
        "text": mrkdwn(truncated(escape(alert.output) + repeats(alert), sectionLimit)),
      ]),
      .object([
        "type": .string("section"),
        "fields": .array([
          mrkdwn(truncated("*Who*\n" + who(alert), fieldLimit)),
          mrkdwn(truncated("*What*\n" + what(alert), fieldLimit)),
          mrkdwn(truncated("*Where*\n" + whereText(alert), fieldLimit)),
          mrkdwn(truncated("*When*\n" + escape(alert.time.rfc3339(fractionDigits: 0)), fieldLimit)),
        ]),
      ]),
    ]
    let context = contextText(alert)
    if !context.isEmpty {
      blocks.append(
        .object([
          "type": .string("context"),
          "elements": .array([mrkdwn(truncated(context, fieldLimit))]),
        ]))
    }
    if let link = link(alert, template: linkTemplate) {
      blocks.append(
        .object(["type": .string("section"), "text": mrkdwn("<\(link)|Open the alert>")]))
    }
    let fallback = "[\(priority)] \(alert.rule): \(alert.output)"
    return .object([
      "text": .string(truncated(escape(fallback), sectionLimit)), "blocks": .array(blocks),
    ])
  }

  /// For a window summary: how often the alert occurred and over what span.
  static func repeats(_ alert: Alert) -> String {
    guard alert.count > 1 else { return "" }
    let first = alert.time.rfc3339(fractionDigits: 0)
    let last = alert.lastSeen.rfc3339(fractionDigits: 0)
    return "\n_Seen \(alert.count) times from \(first) to \(last)._"
  }

  /// Slack's escaping for message text: `&`, `<`, `>` as entities (everything else is literal).
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(character)
      }
    }
    return out
  }

  /// The link for an alert: `{id}` (its dedup key) and `{rule}` substituted, percent-encoded.
  public static func link(_ alert: Alert, template: String?) -> String? {
    guard let template, !template.isEmpty else { return nil }
    return
      template
      .replacingAll("{id}", with: percentEncoded(alert.dedupKey))
      .replacingAll("{rule}", with: percentEncoded(alert.rule))
  }

  /// The priority's emoji short code.
  static func emoji(_ severity: Severity) -> String {
    switch severity {
    case .emergency, .alert, .critical: ":red_circle:"
    case .error: ":large_orange_circle:"
    case .warning: ":large_yellow_circle:"
    case .notice: ":large_blue_circle:"
    case .informational, .debug: ":white_circle:"
    }
  }

  /// User, source IP and user agent.
  static func who(_ alert: Alert) -> String {
    let subject = alert.subject
    var lines = [subject.user.map { "`\(escape($0))`" } ?? "unknown user"]
    if let ip = subject.sourceIP { lines.append("from \(escape(ip))") }
    if let agent = subject.userAgent { lines.append("via \(escape(agent))") }
    return lines.joined(separator: "\n")
  }

  /// Verb and resource/subresource.
  static func what(_ alert: Alert) -> String {
    let verb = field(alert, "ka.verb")
    var resource = alert.subject.resource ?? field(alert, "ka.target.resource")
    if let subresource = field(alert, "ka.target.subresource"), let base = resource {
      resource = "\(base)/\(subresource)"
    }
    let text = [verb, resource].compactMap { $0 }.joined(separator: " ")
    return text.isEmpty ? "—" : "`\(escape(text))`"
  }

  /// Namespace/name and the cluster when an output field names it.
  static func whereText(_ alert: Alert) -> String {
    let subject = alert.subject
    let object = [subject.namespace, subject.name].compactMap { $0 }.joined(separator: "/")
    var lines = [object.isEmpty ? "cluster scope" : "`\(escape(object))`"]
    if let cluster = field(alert, "k8s.cluster.name") ?? field(alert, "cluster") {
      lines.append("cluster \(escape(cluster))")
    }
    return lines.joined(separator: "\n")
  }

  /// The controls (`soc2:CC6.1 · mitre-attack:T1609`) and the tags.
  static func contextText(_ alert: Alert) -> String {
    var parts: [String] = []
    if !alert.controls.isEmpty {
      parts.append(alert.controls.map { escape($0.description) }.joined(separator: " · "))
    }
    if !alert.tags.isEmpty {
      parts.append("tags: " + alert.tags.map(escape).joined(separator: ", "))
    }
    return parts.joined(separator: "  |  ")
  }

  /// An output field's value, when present and not `<NA>`.
  static func field(_ alert: Alert, _ name: String) -> String? {
    guard let value = alert.fields.first(where: { $0.name == name })?.value,
      !value.isEmpty, value != "<NA>"
    else { return nil }
    return value
  }

  /// `{"type":"mrkdwn","text":…}`.
  static func mrkdwn(_ text: String) -> JSONTree {
    .object(["type": .string("mrkdwn"), "text": .string(text)])
  }

  /// `text` cut to `limit` characters, with an ellipsis when cut.
  static func truncated(_ text: String, _ limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }

  /// RFC 3986 percent-encoding of everything but unreserved characters.
  static func percentEncoded(_ text: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.append(byte)
      default:
        out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

extension String {
  /// The text with every `target` replaced by `replacement` (no Foundation).
  fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var out = ""
    var rest = self[...]
    while let range = rest.firstRange(of: target) {
      out += rest[..<range.lowerBound]
      out += replacement
      rest = rest[range.upperBound...]
    }
    return out + rest
  }
}
