import ArgumentParser
import VigilRules

/// `vigil fields`: every field rules can read, with its type and description.
struct FieldsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fields",
    abstract: "List the fields conditions and outputs can use (ka.*, jevt.*, k8s.*, user.*).")

  @Flag(help: "Print docs/fields.md (Markdown).")
  var markdown = false

  @Argument(help: "Only fields whose name starts with this prefix (e.g. ka.req).")
  var prefix: String?

  func run() {
    let registry = FieldRegistry.standard
    if markdown {
      print(FieldDocumentation.markdown(registry), terminator: "")
      return
    }
    for field in registry.fields where prefix.map({ field.name.hasPrefix($0) }) ?? true {
      var name = field.name
      switch field.argument {
      case .none: break
      case .optionalIndex: name += "[i]"
      case .requiredKey: name += "[key]"
      }
      let type = field.type.rawValue + (field.isList ? " list" : "")
      print("\(name.padding(46)) \(type.padding(12)) \(field.description)")
    }
  }
}
