/// Parsing with the grammar of the distribution reference library (docker/distribution
/// `reference`), including Docker Hub normalization.
extension ImageReference {
  /// Parses `text`, reporting what is wrong instead of failing silently.
  public static func parse(_ text: String) throws(ImageReferenceError) -> ImageReference {
    guard !text.isEmpty else { throw ImageReferenceError(.empty, input: text) }
    var rest = Substring(text)
    var digest: String?
    if let at = rest.firstIndex(of: "@") {
      let value = rest[rest.index(after: at)...]
      guard isDigest(value) else { throw ImageReferenceError(.invalidDigest, input: text) }
      digest = String(value)
      rest = rest[..<at]
    }
    var tag: String?
    // A tag's colon comes after the last slash; an earlier colon is a registry port.
    let lastSlash = rest.lastIndex(of: "/")
    if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
      let value = rest[rest.index(after: colon)...]
      guard isTag(value) else { throw ImageReferenceError(.invalidTag, input: text) }
      tag = String(value)
      rest = rest[..<colon]
    }
    guard !rest.isEmpty else { throw ImageReferenceError(.invalidRepository, input: text) }
    guard rest.utf8.count <= 255 else { throw ImageReferenceError(.tooLong, input: text) }

    var registry = dockerHub
    var path = rest
    if let slash = rest.firstIndex(of: "/") {
      let first = rest[..<slash]
      if first.contains(".") || first.contains(":") || first == "localhost"
        || first.contains(where: \.isUppercase)
      {
        guard isRegistry(first) else { throw ImageReferenceError(.invalidRegistry, input: text) }
        registry = String(first)
        path = rest[rest.index(after: slash)...]
      }
    }
    if registry == "index.docker.io" || registry == "registry-1.docker.io" { registry = dockerHub }
    if path.contains(where: \.isUppercase) {
      throw ImageReferenceError(.uppercaseRepository, input: text)
    }
    guard path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(isPathComponent)
    else {
      throw ImageReferenceError(.invalidRepository, input: text)
    }
    var repository = String(path)
    if registry == dockerHub && !repository.contains("/") { repository = "library/" + repository }
    return ImageReference(registry: registry, repository: repository, tag: tag, digest: digest)
  }

  /// `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`.
  static func isPathComponent(_ component: Substring) -> Bool {
    isSeparated(component) { separator in
      separator == "." || separator == "_" || separator == "__"
        || separator.allSatisfy { $0 == "-" }
    }
  }

  /// `host[:port]`: DNS labels joined by dots, or a bracketed IPv6 address; port all digits.
  static func isRegistry(_ text: Substring) -> Bool {
    var host = text
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else { return false }
      let address = text[text.index(after: text.startIndex)..<close]
      guard !address.isEmpty, address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
        return false
      }
      let after = text[text.index(after: close)...]
      if after.isEmpty { return true }
      guard after.first == ":" else { return false }
      return isPort(after.dropFirst())
    }
    if let colon = text.firstIndex(of: ":") {
      guard isPort(text[text.index(after: colon)...]) else { return false }
      host = text[..<colon]
    }
    return !host.isEmpty
      && host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
        guard let first = label.first, let last = label.last else { return false }
        return isAlnum(first) && isAlnum(last) && label.allSatisfy { isAlnum($0) || $0 == "-" }
      }
  }

  /// `[\w][\w.-]{0,127}`.
  static func isTag(_ text: Substring) -> Bool {
    guard let first = text.first, text.count <= 128, isWord(first) else { return false }
    return text.allSatisfy { isWord($0) || $0 == "." || $0 == "-" }
  }

  /// `algorithm:hex` with the algorithm `[a-z0-9]+` joined by `+._-`, hex at least 32 digits,
  /// and exactly 64 lowercase hex digits for `sha256`.
  static func isDigest(_ text: Substring) -> Bool {
    guard let colon = text.firstIndex(of: ":") else { return false }
    let algorithm = text[..<colon]
    let hex = text[text.index(after: colon)...]
    let algorithmValid = isSeparated(algorithm) { separator in
      separator.count == 1 && "+._-".contains(separator)
    }
    guard algorithmValid, hex.count >= 32, hex.allSatisfy(\.isHexDigit), hex.allSatisfy(\.isASCII)
    else {
      return false
    }
    if algorithm == "sha256" {
      return hex.count == 64 && hex.allSatisfy { $0.isNumber || ("a"..."f").contains($0) }
    }
    return true
  }

  /// Runs of `[a-z0-9]` separated by strings `isSeparator` accepts, starting and ending with one.
  private static func isSeparated(_ text: Substring, isSeparator: (Substring) -> Bool) -> Bool {
    let isAlphanumeric = isLowerAlnum
    guard let first = text.first, let last = text.last, isAlphanumeric(first), isAlphanumeric(last)
    else {
      return false
    }
    var index = text.startIndex
    while index < text.endIndex {
      if isAlphanumeric(text[index]) {
        index = text.index(after: index)
        continue
      }
      let start = index
      while index < text.endIndex, !isAlphanumeric(text[index]) { index = text.index(after: index) }
      guard isSeparator(text[start..<index]) else { return false }
    }
    return true
  }

  private static func isPort(_ text: Substring) -> Bool {
    !text.isEmpty && text.count <= 5 && text.allSatisfy { $0.isASCII && $0.isNumber }
  }

  private static func isLowerAlnum(_ c: Character) -> Bool {
    c.isASCII && (c.isNumber || ("a"..."z").contains(c))
  }

  private static func isAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

  private static func isWord(_ c: Character) -> Bool { isAlnum(c) || c == "_" }
}
