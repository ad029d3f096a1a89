import VigilCore

/// Compares one object's entry points before and after a change and words the differences.
struct ExposureDiff {
  /// The object.
  var source: ObjectKey
  /// Its entry points before.
  var old: [Exposure]
  /// Its entry points after.
  var new: [Exposure]
  /// Whether the object existed before the change (else its entry points are `added`).
  var existed: Bool
  /// Whether it exists after (else its entry points are `removed`).
  var exists: Bool
  /// The Service type before and after, when the object is a Service in both states.
  var serviceTypes: (old: String, new: String)?
  /// When.
  var time: Timestamp

  /// The changes, ordered by entry.
  func changes() -> [ExposureChange] {
    var oldByID = Dictionary(old.map { ($0.id.entry, $0) }, uniquingKeysWith: { a, _ in a })
    var newByID = Dictionary(new.map { ($0.id.entry, $0) }, uniquingKeysWith: { a, _ in a })
    var out: [ExposureChange] = []
    if let typeChange = serviceTypeChange(oldByID["service"], newByID["service"]) {
      out.append(typeChange)
      oldByID["service"] = nil
      newByID["service"] = nil
    }
    for entry in Set(oldByID.keys).union(newByID.keys).sorted() {
      switch (oldByID[entry], newByID[entry]) {
      case (nil, let added?):
        out.append(
          existed
            ? change(.widened, added, nil, "\(source) gained \(added.entryName) \(added.details)")
            : change(.added, added, nil, "New \(added.subject) \(added.details)"))
      case (let removed?, nil):
        out.append(
          exists
            ? change(.narrowed, removed, removed, "\(source) lost \(removed.entryName)")
            : change(.removed, removed, removed, "Removed \(removed.subject) \(removed.details)"))
      case (let before?, let after?):
        if let changed = facetChange(before, after) { out.append(changed) }
      case (nil, nil):
        break
      }
    }
    return out
  }

  /// A Service whose type changed: one change worded as such, widened when it reaches further.
  private func serviceTypeChange(_ before: Exposure?, _ after: Exposure?) -> ExposureChange? {
    guard let types = serviceTypes, types.old != types.new, let exposure = after ?? before else {
      return nil
    }
    let reach = ["NodePort": 1, "LoadBalancer": 2]
    let wider = reach[types.new, default: 0] > reach[types.old, default: 0]
    let ports = exposure.ports.map(\.description).joined(separator: ", ")
    let summary =
      "\(source) changed from \(types.old) to \(types.new)"
      + (ports.isEmpty ? "" : " (ports \(ports))")
    return change(wider ? .widened : .narrowed, exposure, before, summary)
  }

  /// The same entry point before and after: widened, narrowed, updated, or nil when nothing that
  /// matters changed.
  private func facetChange(_ before: Exposure, _ after: Exposure) -> ExposureChange? {
    let old = before.facets
    let new = after.facets
    let gained = new.subtracting(old).sorted()
    let lost = old.subtracting(new).sorted()
    guard !gained.isEmpty || !lost.isEmpty else { return nil }
    let parts = gained.map(\.gainedText) + lost.map(\.lostText)
    let kind: ExposureChange.Kind =
      gained.contains(where: \.widens)
      ? .widened : lost.contains(where: \.widens) ? .narrowed : .updated
    return change(kind, after, before, "\(after.subject) " + parts.joined(separator: ", "))
  }

  /// A change with trailing spaces trimmed from its summary.
  private func change(
    _ kind: ExposureChange.Kind, _ exposure: Exposure, _ previous: Exposure?, _ summary: String
  ) -> ExposureChange {
    var text = Substring(summary)
    while text.last == " " { text = text.dropLast() }
    return ExposureChange(
      kind: kind, exposure: exposure, previous: previous, summary: String(text), time: time)
  }
}
