import Testing
import VigilCore
import VigilPipeline

@Suite struct SummaryTests {
  @Test func numberFormatting() {
    #expect(Summary.grouped(1_234_567) == "1,234,567")
    #expect(Summary.grouped(12) == "12")
    #expect(Summary.bytes(999) == "999 B")
    #expect(Summary.bytes(2_500_000) == "2.5 MB")
    #expect(Summary.fixed(3.14159, 2) == "3.14")
    #expect(Summary.fixed(0.05, 1) == "0.1")
  }

  @Test func rendersRejectionsAndAlertsPerRule() {
    var summary = Summary()
    summary.events = 10
    summary.linesRead = 12
    summary.diagnosticsByCode = [.notJSON: 1, .notAuditEvent: 1, .duplicate: 3]
    summary.firstDiagnostics = [
      InputDiagnostic(
        code: .notJSON, position: SourcePosition(file: "a.log", line: 7),
        message: "not JSON: unexpected byte 'x' at offset 0")
    ]
    summary.alertsByRule = ["A": 2, "B": 5]
    summary.alertsBySeverity = [.warning: 7]
    summary.seconds = 1
    let text = summary.render()
    #expect(text.contains("rejected    2 (duplicate: 3, not-audit-event: 1, not-json: 1)"))
    #expect(text.contains("a.log:7: not JSON"))
    #expect(text.contains("alerts      7 (WARNING: 7)"))
    let b = text.range(of: "  B\n")
    let a = text.range(of: "  A\n")
    #expect(b != nil && a != nil && b!.lowerBound < a!.lowerBound)
  }
}
