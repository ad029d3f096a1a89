import Testing
import VigilCore

@Suite struct SeverityAndControlsTests {
  @Test func parsesFalcoPriorities() {
    #expect(Severity(parsing: "WARNING") == .warning)
    #expect(Severity(parsing: "INFO") == .informational)
    #expect(Severity(parsing: "Informational") == .informational)
    #expect(Severity(parsing: "critical") == .critical)
    #expect(Severity(parsing: "loud") == nil)
    #expect(Severity.warning > .notice)
    #expect(Severity.informational.description == "INFO")
    #expect(Severity.warning.falcoName == "Warning")
  }

  @Test func readsControlsFromTags() {
    let controls = ComplianceControl.controls(forTags: [
      "k8s", "T1609", "mitre:T1609", "soc2:CC6.1", "nist:AC-6(9)", "cis:5.1.1", "pci:10.2.1",
      "iso27001:A.8.2", "mitre_execution", "T12",
    ])
    #expect(controls.map(\.description) == [
      "mitre-attack:T1609", "soc2:CC6.1", "nist-800-53:AC-6(9)", "cis-k8s:5.1.1",
      "pci-dss:10.2.1", "iso27001:A.8.2",
    ])
  }

  @Test func alertDerivesControlsFromTags() {
    let alert = Alert(
      rule: "r", severity: .warning, time: Timestamp(nanoseconds: 0), output: "o",
      source: "k8s_audit", tags: ["soc2:CC7.2", "T1078"], fields: [], subject: AlertSubject(),
      evidence: [], dedupKey: "k")
    #expect(alert.controls == [
      ComplianceControl(framework: .soc2, id: "CC7.2"),
      ComplianceControl(framework: .mitre, id: "T1078"),
    ])
    #expect(alert.lastSeen == alert.time)
  }
}

@Suite struct ControlCatalogTests {
  @Test func falcosRulesGetControlsFromTheCatalog() {
    let controls = ControlCatalog.controls(rule: "Attach/Exec Pod", tags: ["k8s"])
    #expect(controls.contains(ComplianceControl(framework: .mitre, id: "T1609")))
    for framework in [ComplianceControl.Framework.soc2, .nist, .cis, .pci, .iso27001] {
      #expect(controls.contains { $0.framework == framework }, "\(framework)")
    }
  }

  @Test func aRulesOwnTagsWin() {
    let controls = ControlCatalog.controls(rule: "Attach/Exec Pod", tags: ["soc2:CC9.9"])
    #expect(controls == [ComplianceControl(framework: .soc2, id: "CC9.9")])
  }

  @Test func unknownRulesWithoutTagsHaveNone() {
    #expect(ControlCatalog.controls(rule: "my rule", tags: ["k8s"]).isEmpty)
  }
}
