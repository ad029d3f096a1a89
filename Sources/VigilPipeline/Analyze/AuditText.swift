import VigilAudit
import VigilCore
import VigilJSON

/// Decodes audit events from text held in memory: one JSON document (Event, EventList, array,
/// any cloud shape) or JSON lines. For rule tests and small inputs; files go through
/// `AuditLogSource`.
public enum AuditText {
  /// The events in `text`; `file` names it in positions.
  public static func events(from text: String, file: String) -> [Event] {
    let decoder = AuditDecoder()
    let whole = decoder.decode(text: text, at: SourcePosition(file: file, line: 1))
    if !whole.events.isEmpty || whole.diagnostics.allSatisfy({ $0.code != .notJSON }) {
      return whole.events
    }
    var indexer = JSONIndexer()
    var events: [Event] = []
    var diagnostics: [InputDiagnostic] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.allSatisfy(\.isWhitespace) {
      decoder.decode(
        bytes: Array(line.utf8), at: SourcePosition(file: file, line: number + 1),
        indexer: &indexer, into: &events, diagnostics: &diagnostics)
    }
    return events
  }
}
