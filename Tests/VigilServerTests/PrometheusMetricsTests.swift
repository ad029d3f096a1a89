import Metrics
import Testing
import VigilServer

/// The registry-and-factory helper.
@Suite struct PrometheusMetricsTests {
  @Test func timersUseMillisecondToTenSecondBuckets() {
    let metrics = PrometheusMetrics()
    let timer = Timer(
      label: "vigil_test_duration_seconds", dimensions: [], factory: metrics.factory)
    timer.recordMilliseconds(3)
    let text = metrics.exposition()
    #expect(
      MetricsText.value(
        in: text, name: "vigil_test_duration_seconds_bucket", labels: ["le": "0.001"]) == 0)
    #expect(
      MetricsText.value(
        in: text, name: "vigil_test_duration_seconds_bucket", labels: ["le": "0.005"]) == 1)
    #expect(
      MetricsText.value(
        in: text, name: "vigil_test_duration_seconds_bucket", labels: ["le": "10.0"]) == 1)
    #expect(
      MetricsText.value(in: text, name: "vigil_test_duration_seconds_count", labels: [:]) == 1)
  }

  @Test func eachInstanceHasItsOwnRegistry() {
    let first = PrometheusMetrics()
    let second = PrometheusMetrics()
    Counter(label: "vigil_test_total", dimensions: [], factory: first.factory).increment(by: 2)
    #expect(MetricsText.value(in: first.exposition(), name: "vigil_test_total", labels: [:]) == 2)
    #expect(
      MetricsText.value(in: second.exposition(), name: "vigil_test_total", labels: [:]) == nil)
  }
}
