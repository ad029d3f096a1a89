import VigilCore

extension NoveltyDetector {
  /// The alert source.
  public static let source = "vigil_anomaly"

  /// Controls every novelty alert gives evidence for: monitoring for unusual activity (NIST
  /// SI-4, AU-6; SOC 2 CC7.2, CC7.3; PCI DSS 10.6, 11.5; ISO 27001 A.8.16).
  public static let controlTags = [
    "soc2:CC7.2", "soc2:CC7.3", "nist:SI-4", "nist:AU-6", "pci:10.6", "pci:11.5",
    "iso27001:A.8.16",
  ]

  /// The rule name for a new value of `category` in a profile of `kind`.
  public static func ruleName(_ category: FactCategory, kind: EntityKey.Kind) -> String {
    let what =
      switch category {
      case .peer: "network peer"
      case .domain: "external domain"
      case .listeningPort: "listening port"
      case .process: "process"
      case .apiCall: "API call shape"
      case .userAgent: "client"
      case .sourceIP: "source IP"
      case .registry: "registry"
      case .image: "image"
      }
    return "New \(what) for a stable \(kindName(kind))"
  }

  /// ATT&CK techniques, CIS section and the common controls for a category.
  public static func tags(_ category: FactCategory, kind: EntityKey.Kind) -> [String] {
    let specific: [String] =
      switch category {
      case .peer: ["mitre:T1021", "mitre:T1570", "cis:5.3.2"]
      case .domain: ["mitre:T1071", "mitre:T1567", "cis:5.3.2"]
      case .listeningPort: ["mitre:T1205", "mitre:T1571", "cis:5.3.2"]
      case .process: ["mitre:T1059", "mitre:T1609", "cis:5.7.3"]
      case .apiCall:
        kind == .serviceAccount
          ? ["mitre:T1078.004", "mitre:T1528", "cis:5.1.6"] : ["mitre:T1078", "cis:5.1.1"]
      case .userAgent: ["mitre:T1078", "cis:5.1.1"]
      case .sourceIP: ["mitre:T1078", "cis:5.1.1"]
      case .registry, .image: ["mitre:T1610", "cis:5.5.1"]
      }
    return ["k8s", "vigil", "anomaly", "novelty"] + specific + controlTags
  }

  /// The facts an alert of this detector names (its entity, category and every new value),
  /// for `accept`; empty for other alerts.
  public static func facts(in alert: Alert) -> [BehaviorFact] {
    guard alert.source == source else { return [] }
    var byName: [String: String] = [:]
    for field in alert.fields { if let value = field.value { byName[field.name] = value } }
    guard let kindText = byName["profile.entity.kind"],
      let kind = EntityKey.Kind(rawValue: kindText), let name = byName["profile.entity.name"],
      let categoryText = byName["novelty.category"],
      let category = FactCategory(rawValue: categoryText)
    else { return [] }
    let entity = EntityKey(kind: kind, name: name, namespace: byName["profile.entity.namespace"])
    let values = alert.fields.filter { $0.name == "novelty.value" }.compactMap(\.value)
    return values.map {
      BehaviorFact(entity: entity, category: category, value: $0, time: alert.lastSeen)
    }
  }

  /// The alert for a window: its first finding, with every value and the count so far.
  func alert(for window: Window) -> Alert {
    let finding = window.first
    let entity = finding.entity
    let rule = Self.ruleName(finding.category, kind: entity.kind)
    let known = finding.knownValues.prefix(configuration.knownValuesListed)
    let knownText = known.map { "\($0.value) (\($0.count))" }.joined(separator: ", ")
    let noun = Self.categoryNoun(finding.category)
    var output =
      "\(rule) \(entity.name): \(window.values.joined(separator: ", "))"
      + (window.count > 1 ? " (\(window.count) occurrences)" : "")
      + "; score \(Self.format(finding.score))"
      + " (p_new \(Self.format(finding.newValueProbability, digits: 5)))"
      + ", threshold \(Self.format(finding.threshold))"
    output +=
      finding.state == .locked
      ? "; profile locked" : "; learning for \(Self.format(finding.learningFor))"
    output +=
      finding.firstOfCategory
      ? ", no \(noun)s before in \(finding.observations) observations"
      : ", \(finding.distinctValues) known \(noun)s in \(finding.observations) observations"
        + (knownText.isEmpty ? "" : ": \(knownText)")
    var fields = [
      AlertField(name: "profile.entity", value: entity.description),
      AlertField(name: "profile.entity.kind", value: entity.kind.rawValue),
      AlertField(name: "profile.entity.name", value: entity.name),
      AlertField(name: "profile.entity.namespace", value: entity.namespace),
      AlertField(name: "profile.state", value: finding.state.name),
      AlertField(name: "profile.learning_since", value: finding.learningSince.description),
      AlertField(name: "profile.learning_for", value: Self.format(finding.learningFor)),
      AlertField(name: "novelty.category", value: finding.category.rawValue),
    ]
    fields += window.values.map { AlertField(name: "novelty.value", value: $0) }
    fields += [
      AlertField(name: "novelty.count", value: String(window.count)),
      AlertField(name: "novelty.score", value: Self.format(finding.score)),
      AlertField(name: "novelty.p_new", value: Self.format(finding.newValueProbability, digits: 6)),
      AlertField(name: "novelty.threshold", value: Self.format(finding.threshold)),
      AlertField(name: "novelty.sensitivity", value: Self.format(finding.sensitivity)),
      AlertField(name: "novelty.observations", value: String(finding.observations)),
      AlertField(name: "novelty.distinct", value: String(finding.distinctValues)),
      AlertField(name: "novelty.singletons", value: String(finding.singletons)),
      AlertField(name: "novelty.known", value: knownText),
    ]
    let evidence = Evidence(
      auditID: nil, stage: nil, time: finding.time,
      position: SourcePosition(file: "profile:\(entity.description)", line: 0))
    return Alert(
      rule: rule, severity: finding.state == .locked ? .error : .warning, time: finding.time,
      lastSeen: window.latest.time, output: output, source: Self.source,
      tags: Self.tags(finding.category, kind: entity.kind), fields: fields,
      subject: Self.subject(finding), evidence: [evidence],
      dedupKey: DedupKey.make(["novelty", entity.description, finding.category.rawValue]),
      count: window.count)
  }

  /// Who the alert is about.
  static func subject(_ finding: NoveltyFinding) -> AlertSubject {
    let entity = finding.entity
    var subject = AlertSubject(namespace: entity.namespace)
    switch entity.kind {
    case .workload:
      let parts = entity.name.split(separator: "/", maxSplits: 2)
      if parts.count == 3 {
        subject.resource = parts[1].lowercased() + "s"
        subject.name = String(parts[2])
      } else {
        subject.name = entity.name
      }
    case .user:
      subject.user = entity.name
    case .serviceAccount:
      let parts = entity.name.split(separator: "/", maxSplits: 1)
      subject.user =
        parts.count == 2 ? "system:serviceaccount:\(parts[0]):\(parts[1])" : entity.name
    case .namespace:
      subject.resource = "namespaces"
      subject.name = entity.name
    }
    if finding.category == .sourceIP { subject.sourceIP = finding.value }
    if finding.category == .userAgent { subject.userAgent = finding.value }
    return subject
  }

  static func kindName(_ kind: EntityKey.Kind) -> String {
    switch kind {
    case .workload: "workload"
    case .user: "user"
    case .serviceAccount: "service account"
    case .namespace: "namespace"
    }
  }

  static func categoryNoun(_ category: FactCategory) -> String {
    switch category {
    case .peer: "peer"
    case .domain: "domain"
    case .listeningPort: "listening port"
    case .process: "process"
    case .apiCall: "API call shape"
    case .userAgent: "client"
    case .sourceIP: "source IP"
    case .registry: "registry"
    case .image: "image"
    }
  }

  /// `14d 2h`, `3h 5m`, `12m`, `40s`.
  static func format(_ duration: Duration) -> String {
    let seconds = max(0, duration.components.seconds)
    let days = seconds / 86_400
    let hours = seconds % 86_400 / 3_600
    let minutes = seconds % 3_600 / 60
    if days > 0 { return "\(days)d \(hours)h" }
    if hours > 0 { return "\(hours)h \(minutes)m" }
    if minutes > 0 { return "\(minutes)m" }
    return "\(seconds)s"
  }

  /// A number with at most `digits` decimals, without trailing zeros.
  static func format(_ value: Double, digits: Int = 2) -> String {
    guard value.isFinite else { return value > 0 ? "inf" : "-inf" }
    var scale = 1.0
    for _ in 0..<max(0, digits) { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if text.contains("e") { return text }
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }
}
