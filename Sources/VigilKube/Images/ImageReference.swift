/// A container image reference (`nginx`, `ghcr.io/org/app:1.2@sha256:…`), normalized as the
/// container runtime resolves it: Docker Hub short names gain `docker.io` and `library/`.
public struct ImageReference: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The registry host with its port (`docker.io`, `localhost:5000`).
  public var registry: String
  /// The repository path (`library/nginx`, `team/app`).
  public var repository: String
  /// The tag as written; nil when none was given.
  public var tag: String?
  /// The digest (`sha256:…`) as written; nil when none was given.
  public var digest: String?

  /// Creates a reference from its parts (no validation; see `parse`).
  public init(registry: String, repository: String, tag: String? = nil, digest: String? = nil) {
    self.registry = registry
    self.repository = repository
    self.tag = tag
    self.digest = digest
  }

  /// Docker Hub's canonical registry name.
  public static let dockerHub = "docker.io"

  /// The tag the runtime pulls: the given tag, else `latest` unless a digest pins the image.
  public var resolvedTag: String? { tag ?? (digest == nil ? "latest" : nil) }

  /// Whether a digest pins the content, so the tag can no longer move under it.
  public var isPinned: Bool { digest != nil }

  /// The same reference with the implicit `latest` tag written out, so `nginx` and
  /// `docker.io/library/nginx:latest` compare equal.
  public var normalized: ImageReference {
    var copy = self
    copy.tag = resolvedTag
    return copy
  }

  /// `registry/repository`.
  public var name: String { "\(registry)/\(repository)" }

  /// The fully qualified form: `docker.io/library/nginx:latest`, `quay.io/a/b@sha256:…`.
  public var description: String {
    var text = name
    if let resolvedTag { text += ":\(resolvedTag)" }
    if let digest { text += "@\(digest)" }
    return text
  }

  /// Ordered by the fully qualified form.
  public static func < (lhs: ImageReference, rhs: ImageReference) -> Bool {
    lhs.description < rhs.description
  }
}
