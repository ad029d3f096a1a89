import Foundation
import Testing
import VigilTesting

@testable import VigilRules

/// `docs/fields.md` is generated from the declarations and must be current.
@Suite struct FieldsDocumentationTests {
  /// Where the generated reference lives.
  static let path = SharedData.repositoryRoot.appendingPathComponent("docs/fields.md")

  @Test func referenceListsEveryField() {
    let markdown = FieldDocumentation.markdown(.standard)
    for field in FieldRegistry.standard.fields {
      #expect(markdown.contains("| `\(field.name)` |"), "\(field.name) not documented")
    }
    #expect(markdown.contains("| `ka.uri.param` | string | Key, Required |"))
    #expect(markdown.contains("| `ka.req.pod.containers.image` | string (list) | Index |"))
    #expect(markdown.contains("| `jevt.rawtime` | number | None |"))
    #expect(markdown.contains("| `k8s.req.privileged` | bool | None |"))
  }

  @Test func pipesInDescriptionsAreEscaped() {
    let registry = FieldRegistry([Field("x.y", .string, "a | b") { _, _ in .missing }])
    #expect(FieldDocumentation.markdown(registry).contains("| a \\| b |"))
    #expect(FieldDocumentation.markdown(registry).contains("## Other fields"))
  }

  @Test func committedReferenceIsCurrent() throws {
    let generated = FieldDocumentation.markdown(.standard)
    if ProcessInfo.processInfo.environment["VIGIL_REGENERATE_DOCS"] == "1" {
      try FileManager.default.createDirectory(
        at: Self.path.deletingLastPathComponent(), withIntermediateDirectories: true)
      try generated.write(to: Self.path, atomically: true, encoding: .utf8)
    }
    let committed = try? String(contentsOf: Self.path, encoding: .utf8)
    #expect(
      committed == generated,
      """
      docs/fields.md is out of date with the field declarations. Regenerate it with:
        VIGIL_REGENERATE_DOCS=1 swift test --filter FieldsDocumentationTests
      """)
  }
}
