/// Classifies registry hosts as public, cloud-account, private or local, from a list of known
/// public registries and the host shapes of account-scoped cloud registries.
public struct RegistryClassifier: Sendable {
  /// Hosts (without port) that are public registries.
  public var publicRegistries: Set<String>
  /// Hosts (without port) the organisation declares its own, overriding every other rule.
  public var privateRegistries: Set<String>

  /// Creates a classifier.
  public init(
    publicRegistries: Set<String> = RegistryClassifier.knownPublic,
    privateRegistries: Set<String> = []
  ) {
    self.publicRegistries = publicRegistries
    self.privateRegistries = privateRegistries
  }

  /// The default classifier.
  public static let standard = RegistryClassifier()

  /// Well-known public registries.
  public static let knownPublic: Set<String> = [
    "docker.io", "index.docker.io", "registry-1.docker.io", "quay.io", "ghcr.io", "public.ecr.aws",
    "gcr.io", "us.gcr.io", "eu.gcr.io", "asia.gcr.io", "mirror.gcr.io", "registry.k8s.io",
    "k8s.gcr.io",
    "mcr.microsoft.com", "docker.elastic.co", "registry.gitlab.com", "nvcr.io", "cgr.dev",
    "registry.access.redhat.com", "registry.redhat.io", "docker.redpanda.com",
    "registry.opensource.zalan.do",
  ]

  /// The class of `registry` (a host with an optional port).
  public func classify(_ registry: String) -> RegistryClass {
    let host = Self.host(of: registry.lowercased())
    if privateRegistries.contains(host) { return .private }
    if publicRegistries.contains(host) { return .public }
    if host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]" {
      return .local
    }
    if Self.isCloudAccount(host) { return .cloudAccount }
    return .private
  }

  /// The class of the registry an image comes from.
  public func classify(_ image: ImageReference) -> RegistryClass { classify(image.registry) }

  /// ECR private registries, Azure Container Registry, Artifact Registry, and similar
  /// per-account hosts.
  static func isCloudAccount(_ host: String) -> Bool {
    let labels = host.split(separator: ".")
    // <account>.dkr.ecr.<region>.amazonaws.com(.cn)
    if labels.count >= 6, labels[1] == "dkr", labels[2] == "ecr", labels[4] == "amazonaws",
      labels[0].count == 12, labels[0].allSatisfy(\.isNumber)
    {
      return true
    }
    let suffixes = [
      ".azurecr.io", ".azurecr.cn", ".azurecr.us", "-docker.pkg.dev", ".ocir.io", ".jfrog.io",
    ]
    return suffixes.contains { host.hasSuffix($0) && host.count > $0.count }
  }

  private static func host(of registry: String) -> String {
    if registry.hasPrefix("["), let close = registry.firstIndex(of: "]") {
      return String(registry[...close])
    }
    return String(registry.split(separator: ":", maxSplits: 1).first ?? Substring(registry))
  }
}
