import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilJSON

/// Inputs that once crashed the libFuzzer harness (Fuzz/fuzz-audit.sh), kept as regressions.
@Suite struct CrasherTests {
  @Test(arguments: FuzzCrashers.all.map(\.name))
  func crasherDecodesWithoutTrapping(name: String) throws {
    let base64 = try #require(FuzzCrashers.all.first { $0.name == name }?.base64)
    let bytes = try #require(Data(base64Encoded: base64))
    var indexer = JSONIndexer()
    var events: [Event] = []
    var diagnostics: [InputDiagnostic] = []
    AuditDecoder().decode(
      bytes: [UInt8](bytes), at: SourcePosition(file: name, line: 1), indexer: &indexer,
      into: &events, diagnostics: &diagnostics)
    #expect(events.count + diagnostics.count > 0)
  }

  @Test func outOfRangeYearsAreIgnoredNotTrapped() throws {
    // Int64 nanoseconds hold 1677-09-21 … 2262-04-11; beyond, the time is absent, never a trap.
    for year in ["0001", "1600", "2263", "4036", "9999"] {
      let text =
        #"{"auditID":"y","verb":"get","stageTimestamp":"\#(year)-10-26T09:55:02Z","timestamp":"\#(year)-01-01T00:00:00Z"}"#
      let (events, _) = AuditDecoder().decode(text: text)
      #expect(events.first?.audit?.stageAt == nil, "\(year)")
      #expect(events.first?.time == Timestamp(nanoseconds: 0))
    }
    let (events, _) = AuditDecoder().decode(
      text: #"{"auditID":"y","verb":"get","stageTimestamp":"2261-12-31T23:59:59Z"}"#)
    #expect(events.first?.audit?.stageAt != nil)
  }
}
