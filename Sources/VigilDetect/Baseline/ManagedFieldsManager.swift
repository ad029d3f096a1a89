import VigilCore
import VigilJSON

/// The field manager that made a write (`argocd-controller`, `helm`, `kubectl-client-side-apply`,
/// `kustomize-controller` …): the `fieldManager` query parameter of the request when given, else
/// the most recently updated entry of the object's `metadata.managedFields` (the response's, then
/// the request's).
enum ManagedFieldsManager {
  /// The manager of the write `audit` records, or nil when the event does not say.
  static func find(in audit: AuditEvent) -> String? {
    if let manager = fromQuery(audit.requestURI) { return manager }
    let root = audit.document.root
    return newest(in: root["responseObject"]?["metadata"]?["managedFields"])
      ?? newest(in: root["requestObject"]?["metadata"]?["managedFields"])
  }

  /// `fieldManager=…` from the query of a request URI (percent-decoding not needed: manager
  /// names are restricted to printable characters and kubectl's never need escaping).
  static func fromQuery(_ uri: String) -> String? {
    guard let question = uri.firstIndex(of: "?") else { return nil }
    for pair in uri[uri.index(after: question)...].split(separator: "&") {
      guard pair.hasPrefix("fieldManager=") else { continue }
      let value = pair.dropFirst("fieldManager=".count)
      return value.isEmpty ? nil : String(value.prefix(128))
    }
    return nil
  }

  /// The manager of the entry with the latest `time` (RFC 3339 strings in one format compare as
  /// text); on a tie, or without times, the last entry.
  static func newest(in entries: JSONValue?) -> String? {
    guard let entries, entries.kind == .array else { return nil }
    var best: (manager: String, time: String)?
    entries.forEachElement { entry in
      guard let manager = entry["manager"]?.string, !manager.isEmpty else { return }
      let time = entry["time"]?.string ?? ""
      if best == nil || time >= (best?.time ?? "") { best = (manager, time) }
    }
    return best.map { String($0.manager.prefix(128)) }
  }
}
