import Testing
import VigilCore
import VigilRules

/// `%field` rendering as Falco prints it.
@Suite struct OutputTemplateTests {
  func render(_ output: String, _ json: String) throws -> (output: String, fields: [AlertField]) {
    let set = try RuleFixtures.load(RuleFixtures.rule("ka.verb exists", output: output))
    return set.rules[0].render(try RuleFixtures.event(json))
  }

  @Test func substitutesValuesAndNA() throws {
    let rendered = try render(
      "\"user=%t.user ns=%t.ns cmd=%t.param[command] img=%t.images[1] all=%t.images.\"",
      #"{"verb":"get","user":{"username":"alice"},"params":{"command":"sh"},"images":["a","b"]}"#)
    #expect(rendered.output == "user=alice ns=<NA> cmd=sh img=b all=(a,b).")
    #expect(
      rendered.fields == [
        AlertField(name: "t.user", value: "alice"), AlertField(name: "t.ns", value: nil),
        AlertField(name: "t.param[command]", value: "sh"), AlertField(name: "t.images[1]", value: "b"),
        AlertField(name: "t.images", value: "(a,b)"),
      ])
  }

  @Test func fieldNameEndsAtPunctuation() throws {
    let rendered = try render(
      "\"%ka.verb/%ka.target.resource (%t.user)) 100% done\"",
      #"{"verb":"get","objectRef":{"resource":"pods"},"user":{"username":"u"}}"#)
    #expect(rendered.output == "get/pods (u)) 100% done")
  }

  @Test func unknownOutputFieldIsAnError() {
    let yaml = RuleFixtures.rule("ka.verb exists", output: "user=%t.usr")
    let error = RuleFixtures.diagnostics(yaml).first { $0.code == .outputSyntax }
    #expect(error?.line == 4)
    #expect(error?.column == 17)  // the field name after '%'
    #expect(error?.suggestions.contains("t.user") == true)
  }

  @Test func missingRequiredArgumentIsAnError() {
    let yaml = RuleFixtures.rule("ka.verb exists", output: "cmd=%t.param")
    #expect(RuleFixtures.diagnostics(yaml).contains { $0.code == .outputSyntax })
  }
}
