import Testing
import VigilStore

@Suite("StoreError")
struct StoreErrorTests {
  @Test(
    "descriptions name the location, the problem and the detail",
    arguments: [
      (StoreError.Code.databaseFailure, "database error"),
      (.newerSchema, "newer version"),
      (.unknownMigration, "unknown migration"),
      (.invalidColumn, "cannot be read"),
      (.encodingFailure, "cannot be encoded"),
    ])
  func description(code: StoreError.Code, phrase: String) {
    let error = StoreError(code, location: "/var/lib/vigil.db", detail: "disk I/O error")
    #expect(error.description.hasPrefix("/var/lib/vigil.db: "))
    #expect(error.description.contains(phrase))
    #expect(error.description.hasSuffix(": disk I/O error"))
  }
}
