extension RuleDiagnostic {
  /// Stable diagnostic codes; Falco's loader codes are noted where one corresponds.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// The file could not be read (LOAD_ERR_FILE_READ).
    case fileRead = "file-read"
    /// The YAML is malformed (LOAD_ERR_YAML_PARSE).
    case yamlParse = "yaml-parse"
    /// The YAML is well formed but an item has the wrong shape or type (LOAD_ERR_YAML_VALIDATE).
    case invalidItem = "invalid-item"
    /// A key Falco does not know (LOAD_UNKNOWN_KEY, warning).
    case unknownKey = "unknown-key"
    /// A top-level item of unknown kind (LOAD_UNKNOWN_ITEM, warning).
    case unknownItem = "unknown-item"
    /// The condition does not parse (LOAD_ERR_COMPILE_CONDITION).
    case conditionSyntax = "condition-syntax"
    /// A field name no extractor provides.
    case unknownField = "unknown-field"
    /// A field's bracket argument is missing, not allowed, or malformed.
    case fieldArgument = "field-argument"
    /// An operator or value that does not fit the field's type.
    case typeMismatch = "type-mismatch"
    /// A macro reference that names no macro.
    case undefinedMacro = "undefined-macro"
    /// A list reference that names no list.
    case undefinedList = "undefined-list"
    /// A macro that (indirectly) references itself.
    case recursiveMacro = "recursive-macro"
    /// An `append`/`override` on a rule, macro or list not defined before.
    case appendToUndefined = "append-to-undefined"
    /// An `output` that does not render (LOAD_ERR_COMPILE_OUTPUT).
    case outputSyntax = "output-syntax"
    /// A priority that is not one of Falco's.
    case badPriority = "bad-priority"
    /// A malformed `exceptions` entry.
    case invalidException = "invalid-exception"
    /// A malformed `override` entry.
    case invalidOverride = "invalid-override"
    /// A malformed Vigil `burst` entry.
    case invalidBurst = "invalid-burst"
    /// A macro no rule uses (LOAD_UNUSED_MACRO, warning).
    case unusedMacro = "unused-macro"
    /// A list no rule uses (LOAD_UNUSED_LIST, warning).
    case unusedList = "unused-list"
    /// A rule for a source Vigil does not evaluate (LOAD_UNKNOWN_SOURCE, warning).
    case unknownSource = "unknown-source"
    /// An `append` without anything to append (LOAD_APPEND_NO_VALUES, warning).
    case appendNoValues = "append-no-values"
    /// A macro or list name that conditions cannot reference (LOAD_INVALID_MACRO_NAME /
    /// LOAD_INVALID_LIST_NAME, warning).
    case invalidName = "invalid-name"
    /// A legacy construct (LOAD_DEPRECATED_ITEM, warning).
    case deprecated = "deprecated"

    /// Whether the code is an error or a warning by default.
    public var defaultSeverity: Severity {
      switch self {
      case .unknownKey, .unknownItem, .unusedMacro, .unusedList, .unknownSource, .appendNoValues,
        .invalidName, .deprecated:
        .warning
      case .fileRead, .yamlParse, .invalidItem, .conditionSyntax, .unknownField, .fieldArgument,
        .typeMismatch, .undefinedMacro, .undefinedList, .recursiveMacro, .appendToUndefined,
        .outputSyntax, .badPriority, .invalidException, .invalidOverride, .invalidBurst:
        .error
      }
    }
  }
}
