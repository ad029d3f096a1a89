import Foundation
import VigilCore

/// Runs Falco's chain over rule files: reader → collector → compiler → index.
public struct RuleLoader: Sendable {
  /// The fields conditions and outputs may use.
  public var registry: FieldRegistry
  /// Rule sources compiled against the registry and evaluated; others are kept, never fired.
  public var evaluatedSources: Set<String>

  /// Creates a loader.
  public init(registry: FieldRegistry = .standard, evaluatedSources: Set<String> = ["k8s_audit"]) {
    self.registry = registry
    self.evaluatedSources = evaluatedSources
  }

  /// Loads files in order; throws every error found.
  public func load(files: [URL]) throws(RuleLoadError) -> RuleSet {
    let (set, diagnostics) = diagnose(files: files)
    guard let set, !diagnostics.contains(where: { $0.severity == .error }) else {
      throw RuleLoadError(diagnostics: diagnostics)
    }
    return set
  }

  /// Loads named texts in order; throws every error found.
  public func load(texts: [(name: String, text: String)]) throws(RuleLoadError) -> RuleSet {
    let (set, diagnostics) = diagnose(texts: texts)
    guard let set, !diagnostics.contains(where: { $0.severity == .error }) else {
      throw RuleLoadError(diagnostics: diagnostics)
    }
    return set
  }

  /// Loads files and returns all diagnostics, and the rule set when there were no errors.
  public func diagnose(files: [URL]) -> (ruleSet: RuleSet?, diagnostics: [RuleDiagnostic]) {
    var texts: [(name: String, text: String)] = []
    var diagnostics: [RuleDiagnostic] = []
    for file in files {
      do {
        texts.append((file.path, try String(contentsOf: file, encoding: .utf8)))
      } catch {
        diagnostics.append(
          RuleDiagnostic(
            .fileRead, at: SourceLocation(file: file.path, line: 0, column: 0),
            "cannot read rules file: \(error.localizedDescription)"))
      }
    }
    let (set, more) = diagnose(texts: texts)
    diagnostics += more
    return (diagnostics.contains { $0.severity == .error } ? nil : set, diagnostics)
  }

  /// Loads named texts and returns all diagnostics, and the rule set when there were no errors.
  public func diagnose(
    texts: [(name: String, text: String)]
  ) -> (ruleSet: RuleSet?, diagnostics: [RuleDiagnostic]) {
    var reader = RuleFileReader()
    for (name, text) in texts { reader.read(text: text, file: name) }
    var collector = RuleCollector()
    collector.collect(reader.items)
    var compiler = RuleCompiler(registry: registry, evaluatedSources: evaluatedSources)
    let outputs = compiler.compile(collector)
    let diagnostics = reader.diagnostics + collector.diagnostics + compiler.diagnostics
    if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
    let set = RuleSetBuilder.build(
      outputs: outputs, builder: compiler.builder,
      requiredEngineVersion: collector.requiredEngineVersion, diagnostics: diagnostics)
    return (set, diagnostics)
  }
}
