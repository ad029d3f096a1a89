import VigilCore

extension AlertRecord {
  /// This stored row with `newer` (same `dedupKey` and window) aggregated into it: counts add up,
  /// the time span widens, new evidence is appended up to ``evidenceLimit``; the descriptive fields
  /// (output, fields, subject, tags, controls) stay those of the first occurrence, and the
  /// severity is the higher of the two. Each write of an alert stands for `count` new
  /// occurrences, so writing the same alert twice counts it twice.
  public func merging(_ newer: AlertRecord) -> AlertRecord {
    var merged = self
    merged.time = min(time, newer.time)
    merged.lastSeen = max(lastSeen, newer.lastSeen)
    merged.count = count &+ newer.count
    merged.severity = max(severity, newer.severity)
    for item in newer.evidence where merged.evidence.count < AlertRecord.evidenceLimit {
      if !merged.evidence.contains(item) { merged.evidence.append(item) }
    }
    return merged
  }
}
