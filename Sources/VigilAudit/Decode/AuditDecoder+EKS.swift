import VigilCore
import VigilJSON

/// Amazon EKS control-plane logs exported from CloudWatch Logs.
///
/// Recognized: one CloudWatch record `{"message": "<event JSON>", "timestamp": ms, "logStream":
/// "kube-apiserver-audit-…"}`, `aws logs filter-log-events` output `{"events": [records]}`, and
/// subscription/Firehose payloads `{"messageType": "DATA_MESSAGE", "logEvents": [records]}`.
/// S3-export lines (`<time> {event}`) are handled by `TimestampPrefix`.
extension AuditDecoder {
  /// Decodes `value` when it has an EKS shape; false when it does not (nothing reported then).
  func decodeEKS(_ value: JSONValue, depth: Int, sink: inout DecodeSink) -> Bool {
    if let messageType = value["messageType"], messageType.kind == .string {
      if !messageType.stringEquals("DATA_MESSAGE") {
        sink.notAuditEvent("CloudWatch Logs \(messageType.string ?? "") carries no log events")
        return true
      }
      decodeCloudWatchRecords(value["logEvents"], depth: depth, sink: &sink)
      return true
    }
    if let records = value["logEvents"] ?? value["events"], records.kind == .array {
      decodeCloudWatchRecords(records, depth: depth, sink: &sink)
      return true
    }
    if let message = value["message"] {
      decodeEmbedded(
        message, what: "the CloudWatch message", depth: depth, shape: .eks,
        fallbackTime: Self.epochMilliseconds(value["timestamp"]), sink: &sink)
      return true
    }
    if let message = value["@message"] {  // CloudWatch Logs Insights export
      decodeEmbedded(
        message, what: "the CloudWatch message", depth: depth, shape: .eks,
        fallbackTime: Self.timestamp(value["@timestamp"]), sink: &sink)
      return true
    }
    return false
  }

  /// Decodes each `{"message": …}` record of a CloudWatch list.
  func decodeCloudWatchRecords(_ records: JSONValue?, depth: Int, sink: inout DecodeSink) {
    guard let records, records.kind == .array else {
      sink.notAuditEvent("CloudWatch Logs payload without a logEvents array")
      return
    }
    records.forEachElement { record in
      guard let message = record["message"] else {
        sink.notAuditEvent("CloudWatch Logs record without a message")
        return
      }
      decodeEmbedded(
        message, what: "the CloudWatch message", depth: depth + 1, shape: .eks,
        fallbackTime: Self.epochMilliseconds(record["timestamp"]), sink: &sink)
    }
  }

  /// A CloudWatch `timestamp` (milliseconds since the epoch, or an RFC 3339 string).
  static func epochMilliseconds(_ value: JSONValue?) -> Timestamp? {
    guard let value else { return nil }
    if let ms = value.int {
      let (ns, overflow) = ms.multipliedReportingOverflow(by: 1_000_000)
      return overflow ? nil : Timestamp(nanoseconds: ns)
    }
    return timestamp(value)
  }
}
