import Testing
import VigilDemo

@Suite struct DemoAuditLogTests {
  @Test func smoke() {
    let lines = DemoAuditLog().lines()
    #expect(lines.count > 1000)
  }
}
