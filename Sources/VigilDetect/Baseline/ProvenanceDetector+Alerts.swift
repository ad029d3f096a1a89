import VigilCore

extension ProvenanceDetector {
  /// `Deployment payments/api patched by alice@example.com (kubectl) — usually changed by
  /// system:serviceaccount:argocd:argocd-application-controller (argocd, manager
  /// argocd-controller)`; notice, warning when a person made the change.
  static func outOfBandAlert(_ write: Write, usual: [ProvenanceDeployer]) -> Alert {
    let listed = listing(usual)
    var output = "\(write.target) \(write.pastTense) by \(write.actorDescription)"
    if let ip = write.audit.sourceIPs.first { output += " from \(ip)" }
    output +=
      " — usually changed by "
      + listed.map(\.description).joined(separator: ", ")
    return alert(
      rule: outOfBandRule, severity: write.kind == .human ? .warning : .notice, write: write,
      output: output, usual: listed)
  }

  /// `Deployment payments/debug created by alice@example.com (kubectl) in payments, a namespace
  /// fed by CD — usually written by …`; warning.
  static func byHandAlert(_ write: Write, pipeline: [ProvenanceDeployer]) -> Alert {
    let listed = listing(pipeline)
    var output = "\(write.target) created by \(write.actorDescription)"
    if let ip = write.audit.sourceIPs.first { output += " from \(ip)" }
    output +=
      " in \(write.namespace ?? "the cluster scope"), a namespace fed by CD"
      + " — usually written by " + listed.map(\.description).joined(separator: ", ")
    return alert(
      rule: byHandRule, severity: .warning, write: write, output: output, usual: listed)
  }

  /// At most three deployers: people and pipelines first, cluster machinery after.
  private static func listing(_ usual: [ProvenanceDeployer]) -> [ProvenanceDeployer] {
    let machinery = usual.filter { ActorKind(username: $0.identity) == .system }
    let others = usual.filter { ActorKind(username: $0.identity) != .system }
    return Array((others + machinery).prefix(3))
  }

  private static func alert(
    rule: String, severity: Severity, write: Write, output: String,
    usual: [ProvenanceDeployer]
  ) -> Alert {
    let fields = [
      AlertField(name: "ka.user.name", value: write.actor),
      AlertField(name: "ka.verb", value: write.scale ? "scale" : write.audit.verb),
      AlertField(name: "ka.target.resource", value: write.resource),
      AlertField(name: "ka.target.namespace", value: write.namespace),
      AlertField(name: "ka.target.name", value: write.name),
      AlertField(name: "ka.useragent", value: write.audit.userAgent),
      AlertField(name: "client.family", value: write.family.name),
      AlertField(name: "client.manager", value: write.manager),
      AlertField(name: "usual.deployers", value: usual.map(\.identity).joined(separator: ",")),
      AlertField(
        name: "usual.families",
        value: usual.map(\.family.name).joined(separator: ",")),
    ]
    var subject = AlertSubject(audit: write.audit)
    subject.user = write.actor
    subject.name = write.name
    let key = "\(write.resource)/\(write.namespace ?? "")/\(write.name)"
    return Alert(
      rule: rule, severity: severity, time: write.event.time, output: output,
      source: write.event.source, tags: tags, fields: fields, subject: subject,
      evidence: [Evidence(event: write.event)],
      dedupKey: DedupKey.make([rule, key, write.actor]))
  }
}
