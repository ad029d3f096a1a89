/// Classifying the client of a request from its `User-Agent`.
extension FieldSupport {
  /// The client family of a Kubernetes API `User-Agent`, lowercase: `kubectl`, `helm`, `argocd`,
  /// `flux`, `terraform`, `kube-controller-manager`, `kube-scheduler`, `kubelet`, `kube-proxy`,
  /// `cloud-controller-manager`, `kube-apiserver`, `python-kubernetes`, `python-requests`, `curl`,
  /// `wget`, `browser`, `go-http-client`, `client-go` (any other client-go program, whose agent
  /// ends in `kubernetes/<commit>`), else `other`.
  static func userAgentFamily(_ agent: String) -> String {
    let lower = agent.lowercased()
    let product = Self.product(lower)
    switch product {
    case "kubectl", "kubectl.exe": return "kubectl"
    case "helm": return "helm"
    case "kubelet", "kube-probe": return "kubelet"
    case "kube-controller-manager", "kube-scheduler", "kube-proxy", "kube-apiserver",
      "cloud-controller-manager", "curl", "wget", "python-requests":
      return product
    case "helm-controller", "kustomize-controller", "source-controller",
      "notification-controller", "image-reflector-controller", "image-automation-controller",
      "flux":
      return "flux"
    case "go-http-client": return "go-http-client"
    case "mozilla": return "browser"
    default: break
    }
    if product.hasPrefix("kubectl") { return "kubectl" }
    if product.hasPrefix("argocd") || product.hasPrefix("argo-cd") { return "argocd" }
    if lower.contains("terraform") { return "terraform" }
    if product == "openapi-generator" && lower.contains("python") { return "python-kubernetes" }
    if product.hasPrefix("python-") || product == "python" { return "python-requests" }
    if lower.contains(" kubernetes/") || lower.hasSuffix("kubernetes") { return "client-go" }
    return "other"
  }

  /// The first product token of a lowercased agent: text before the first `/`, space or `(`.
  private static func product(_ agent: String) -> String {
    let utf8 = agent.utf8
    let end =
      utf8.firstIndex {
        $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "(")
      }
      ?? utf8.endIndex
    return String(Substring(utf8[utf8.startIndex..<end]))
  }
}
