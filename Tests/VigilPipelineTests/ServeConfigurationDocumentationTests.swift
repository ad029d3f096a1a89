import Foundation
import Testing

@testable import VigilPipeline

/// `docs/deploy.md` embeds the options table generated from ``ServeConfiguration/options``.
@Suite struct ServeConfigurationDocumentationTests {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "docs/deploy.md")
  static let begin =
    "<!-- options:begin (generated from ServeConfiguration.options; do not edit) -->\n"
  static let end = "<!-- options:end -->"

  @Test func tableListsEveryOption() {
    let table = ServeConfiguration.documentation()
    for option in ServeConfiguration.options {
      #expect(table.contains("| `\(option.key)` | `--\(option.flag)` | `\(option.environment)` |"))
    }
    for option in ServeConfiguration.sinkOptions {
      #expect(
        table.contains("| `\(option.key)` | `VIGIL_SINK_<NAME>_\(option.environmentSuffix)` |"))
    }
    #expect(
      table.contains(
        "| `limits.maxBodyBytes` | `--limits-max-body-bytes` | `VIGIL_LIMITS_MAX_BODY_BYTES` | `16MiB` |"
      ))
  }

  @Test func deployGuideEmbedsTheCurrentTable() throws {
    var text = try String(contentsOf: Self.path, encoding: .utf8)
    let generated = Self.begin + "\n" + ServeConfiguration.documentation() + "\n" + Self.end
    if ProcessInfo.processInfo.environment["VIGIL_REGENERATE_DOCS"] == "1",
      let start = text.range(of: Self.begin), let stop = text.range(of: Self.end)
    {
      text.replaceSubrange(start.lowerBound..<stop.upperBound, with: generated)
      try text.write(to: Self.path, atomically: true, encoding: .utf8)
    }
    #expect(
      text.contains(generated),
      """
      docs/deploy.md's options table is out of date. Regenerate it with:
        VIGIL_REGENERATE_DOCS=1 swift test --filter ServeConfigurationDocumentationTests
      """)
  }
}
