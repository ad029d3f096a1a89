import Testing
import VigilAudit

@Suite struct AuditDeduplicatorTests {
  @Test func keysAreAuditIDAndStage() {
    var dedup = AuditDeduplicator()
    let results = [
      dedup.isDuplicate(auditID: "a", stage: "ResponseStarted"),
      dedup.isDuplicate(auditID: "a", stage: "ResponseComplete"),
      dedup.isDuplicate(auditID: "a", stage: nil),
      dedup.isDuplicate(auditID: "a", stage: "ResponseComplete"),
      dedup.isDuplicate(auditID: "a", stage: nil),
    ]
    #expect(results == [false, false, false, true, true])
  }

  @Test func memoryIsBounded() {
    var dedup = AuditDeduplicator(capacity: 100)
    for i in 0..<1_000 { _ = dedup.isDuplicate(auditID: "id\(i)", stage: nil) }
    #expect(dedup.count <= 200)
    // Recent keys are remembered, the oldest forgotten.
    let recent = dedup.isDuplicate(auditID: "id999", stage: nil)
    let older = dedup.isDuplicate(auditID: "id900", stage: nil)
    let oldest = dedup.isDuplicate(auditID: "id0", stage: nil)
    #expect(recent && older && !oldest)
  }
}
