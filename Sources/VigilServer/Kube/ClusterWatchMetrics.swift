import Metrics

/// The metrics of the cluster watch.
struct ClusterWatchMetrics: Sendable {
  /// Gauge `vigil_kube_objects{kind}`: objects held, by kind.
  static let objects = "vigil_kube_objects"
  /// Counter `vigil_kube_relists_total{kind}`: lists after the first (the watch restarted from
  /// scratch: expired resource version, errors).
  static let relists = "vigil_kube_relists_total"
  /// Counter `vigil_kube_watch_events_total{kind}`: added, modified and deleted events applied.
  static let events = "vigil_kube_watch_events_total"
  /// Counter `vigil_kube_apply_errors_total{kind}`: objects the models could not read.
  static let applyErrors = "vigil_kube_apply_errors_total"

  let factory: any MetricsFactory

  /// Sets the objects gauge of every kind.
  func record(counts: [String: Int]) {
    for (kind, count) in counts {
      Gauge(label: Self.objects, dimensions: [("kind", kind)], factory: factory).record(count)
    }
  }

  /// Counts a relist of `kind`.
  func relisted(_ kind: String) {
    Counter(label: Self.relists, dimensions: [("kind", kind)], factory: factory).increment()
  }

  /// Counts an event of `kind`.
  func event(_ kind: String) {
    Counter(label: Self.events, dimensions: [("kind", kind)], factory: factory).increment()
  }

  /// Counts unreadable objects of `kind`.
  func applyErrors(_ kind: String, _ count: Int) {
    guard count > 0 else { return }
    Counter(label: Self.applyErrors, dimensions: [("kind", kind)], factory: factory)
      .increment(by: count)
  }
}
