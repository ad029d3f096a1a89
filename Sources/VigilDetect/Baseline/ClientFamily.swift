/// The family of Kubernetes client that made a request, normalized from its `User-Agent`
/// (`kubectl/v1.30.2 (linux/amd64) kubernetes/3968350` → `kubectl`) or from a `managedFields`
/// manager name (`kubectl-client-side-apply` → `kubectl`, `kustomize-controller` → `flux`).
public struct ClientFamily: Sendable, Hashable, CustomStringConvertible {
  /// The family name: `kubectl`, `helm`, `argocd`, `flux`, `terraform`, `client-go` …
  public let name: String

  /// A family by name, as given.
  public init(name: String) {
    self.name = name
  }

  /// The family of a user agent or manager name; `unknown` when absent or empty.
  public init(userAgent: String?) {
    self.name = Self.normalize(userAgent)
  }

  /// The family name.
  public var description: String { name }

  /// True for continuous-delivery tools that feed namespaces from git or a pipeline (Argo CD,
  /// Flux, Spinnaker, Jenkins, Tekton): their writes are the pipeline's, whoever's token.
  public var isContinuousDelivery: Bool { Self.continuousDelivery.contains(name) }

  /// `kubectl`.
  public static let kubectl = ClientFamily(name: "kubectl")
  /// When no user agent was recorded.
  public static let unknown = ClientFamily(name: "unknown")

  private static let continuousDelivery: Set<String> = [
    "argocd", "flux", "spinnaker", "jenkins", "tekton",
  ]

  /// Product-name prefixes (lowercased, first match wins) and the family they belong to. Order
  /// matters: `helm-controller` (Flux's) before `helm`, `kubectl` before any `kube-` component.
  private static let productPrefixes: [(prefix: String, family: String)] = [
    ("kubectl", "kubectl"),
    ("argocd", "argocd"), ("argo-cd", "argocd"),
    ("helm-controller", "flux"), ("kustomize-controller", "flux"), ("source-controller", "flux"),
    ("image-automation-controller", "flux"), ("image-reflector-controller", "flux"),
    ("notification-controller", "flux"), ("flux", "flux"), ("gotk", "flux"),
    ("helm", "helm"),
    ("spinnaker", "spinnaker"), ("clouddriver", "spinnaker"),
    ("jenkins", "jenkins"), ("kubernetes-plugin", "jenkins"),
    ("tekton", "tekton"),
    ("kube-controller-manager", "kube-controller-manager"),
    ("kube-scheduler", "kube-scheduler"), ("kubelet", "kubelet"), ("kube-proxy", "kube-proxy"),
    ("cloud-controller-manager", "cloud-controller-manager"),
    ("k9s", "k9s"), ("lens", "lens"), ("rancher", "rancher"), ("oc", "oc"),
    ("go-http-client", "go-http-client"), ("curl", "curl"), ("wget", "wget"),
    ("python-requests", "python"), ("mozilla", "browser"),
  ]

  /// Normalizes a user agent or manager name to its family.
  static func normalize(_ agent: String?) -> String {
    guard let agent, !agent.isEmpty else { return "unknown" }
    let lower = agent.lowercased()
    // Tools that put their name anywhere but first (`HashiCorp/1.0 Terraform/1.5.7`).
    if lower.contains("terraform") { return "terraform" }
    if lower.contains("pulumi") { return "pulumi" }
    let product = lower.prefix { $0 != "/" && $0 != " " && $0 != "(" }
    for (prefix, family) in productPrefixes where product.hasPrefix(prefix) {
      // `oc` and `lens` are short: only the whole product name counts.
      if prefix.count <= 4, product != prefix, !product.hasPrefix(prefix + "-") { continue }
      return family
    }
    // The kubernetes python client (`OpenAPI-Generator/29.0.0/python`).
    if product == "openapi-generator" { return lower.contains("python") ? "python" : "openapi" }
    // client-go's default agent is `<binary>/<version> (<os>/<arch>) kubernetes/<commit>`;
    // operators and controllers mostly keep it.
    if lower.contains(" kubernetes/") || product.hasSuffix("-controller")
      || product.hasSuffix("-operator") || product.hasSuffix("-manager")
    {
      return "client-go"
    }
    return product.isEmpty ? "unknown" : String(product.prefix(40))
  }
}
