// libFuzzer harness for the audit decoder: every input is one document of any shape; the decoder
// must never trap, and every event it returns must carry a valid native JSON document.
// Built by Fuzz/fuzz-audit.sh (single module: VigilJSON, VigilCore and VigilAudit sources).

/// The decoder under test, with a small size limit so truncation is exercised too.
let fuzzDecoder: AuditDecoder = {
  var configuration = AuditDecoder.Configuration()
  configuration.maxEventBytes = 4096
  return AuditDecoder(configuration: configuration)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuditDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  var indexer = JSONIndexer()
  var events: [Event] = []
  var diagnostics: [InputDiagnostic] = []
  fuzzDecoder.decode(
    bytes: bytes, at: SourcePosition(file: "fuzz", line: 1), indexer: &indexer, into: &events,
    diagnostics: &diagnostics)
  for event in events {
    guard let audit = event.audit else { continue }
    if (try? JSONDocument(parsing: audit.document.bytes)) == nil { fatalError("invalid document") }
    if audit.objectRef?.resource == "secrets" {
      for key in ["requestObject", "responseObject"] {
        audit.document.root[key]?["data"]?.forEachMember { _, value in
          if !value.stringEquals("<redacted>") { fatalError("secret data survived") }
        }
      }
    }
  }
  return 0
}
