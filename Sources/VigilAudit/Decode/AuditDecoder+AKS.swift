import VigilCore
import VigilJSON

/// Azure AKS diagnostic logs: `{"category": "kube-audit" | "kube-audit-admin", "properties":
/// {"log": "<event JSON>" | {event}, …}, "time": …}`, one record or `{"records": [records]}`.
extension AuditDecoder {
  /// Decodes `value` when it has an AKS shape; false when it does not (nothing reported then).
  func decodeAKS(_ value: JSONValue, depth: Int, sink: inout DecodeSink) -> Bool {
    if let records = value["records"], records.kind == .array {
      records.forEachElement { record in
        guard record.kind == .object, decodeAKSRecord(record, depth: depth + 1, sink: &sink) else {
          sink.notAuditEvent("AKS diagnostic record is \(Self.describe(record)) without properties")
          return
        }
      }
      return true
    }
    return decodeAKSRecord(value, depth: depth, sink: &sink)
  }

  /// Decodes one diagnostic record; false when it has neither `category` nor `properties`.
  func decodeAKSRecord(_ record: JSONValue, depth: Int, sink: inout DecodeSink) -> Bool {
    let category = record["category"] ?? record["Category"]
    let properties = record["properties"] ?? record["Properties"]
    guard category != nil || properties != nil else { return false }
    if let category, category.kind == .string, !category.stringEquals("kube-audit"),
      !category.stringEquals("kube-audit-admin")
    {
      sink.notAuditEvent("AKS log category \(category.string ?? "") is not kube-audit")
      return true
    }
    guard let log = properties?["log"] else {
      sink.notAuditEvent("AKS diagnostic record without properties.log")
      return true
    }
    let time = Self.timestamp(record["time"]) ?? Self.timestamp(record["TimeGenerated"])
    decodeEmbedded(
      log, what: "the AKS properties.log", depth: depth, shape: .aks, fallbackTime: time,
      sink: &sink)
    return true
  }
}
