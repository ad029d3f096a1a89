/// Who can push to a registry, as far as its host name tells.
public enum RegistryClass: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// A public registry anyone can publish to or pull from (Docker Hub, Quay, GHCR, registry.k8s.io …).
  case `public`
  /// A registry tied to one cloud account (ECR `<account>.dkr.ecr.<region>.amazonaws.com`,
  /// `*.azurecr.io`, Artifact Registry `*-docker.pkg.dev`).
  case cloudAccount = "cloud-account"
  /// Any other host: a self-hosted or corporate registry.
  case `private`
  /// The node itself (`localhost`, `127.0.0.1`), usually a development or kind cluster.
  case local

  /// `public`, `cloud-account`, `private`, `local`.
  public var description: String { rawValue }

  /// Whether images come from outside the organisation's own registries.
  public var isPublic: Bool { self == .public }
}
