import Foundation

/// Falco's field transformers: `tolower(f)`, `toupper(f)`, `b64(f)`, `basename(f)`, `len(f)`.
enum FieldTransformer: String, Sendable, CaseIterable {
  case tolower, toupper, b64, basename, len

  /// Applies the transformer (list values element by element, except `len`).
  func apply(to value: FieldValue) -> FieldValue {
    switch (self, value) {
    case (_, .missing): return .missing
    case (.len, .list(let items)): return .number(Int64(items.count))
    case (.len, .string(let text)): return .number(Int64(text.utf8.count))
    case (.len, _): return .missing
    case (_, .list(let items)):
      let mapped = items.map { apply(to: $0) }.filter { $0 != .missing }
      return mapped.isEmpty ? .missing : .list(mapped)
    case (.tolower, .string(let text)): return .string(text.lowercased())
    case (.toupper, .string(let text)): return .string(text.uppercased())
    case (.b64, .string(let text)):
      guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
        return .missing
      }
      return .string(String(decoding: data, as: UTF8.self))
    case (.basename, .string(let text)):
      if text.hasSuffix("/") { return .string("") }
      return .string(text.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? text)
    default: return .missing
    }
  }
}
