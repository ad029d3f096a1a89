import Testing
import VigilDetect

@Suite struct ClientFamilyTests {
  /// User agents as API servers record them, and managedFields manager names.
  static let table: [(agent: String?, family: String)] = [
    ("kubectl/v1.30.2 (linux/amd64) kubernetes/3968350", "kubectl"),
    ("kubectl.exe/v1.29.1 (windows/amd64) kubernetes/bc401b9", "kubectl"),
    ("kubectl-client-side-apply", "kubectl"),
    ("kubectl-edit", "kubectl"),
    ("Helm/3.14.2", "helm"),
    ("helm/3.14.2 (linux/amd64)", "helm"),
    ("argocd-application-controller/v2.10.4 (linux/amd64)", "argocd"),
    ("argocd-controller", "argocd"),
    ("argocd-server/v2.11.0+d3f33c0 (linux/amd64)", "argocd"),
    ("kustomize-controller/v1.2.2", "flux"),
    ("helm-controller/v0.37.4", "flux"),
    ("flux/v2.2.3 (linux/amd64)", "flux"),
    ("HashiCorp/1.0 Terraform/1.5.7", "terraform"),
    (
      "Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-kubernetes/2.27.0",
      "terraform"
    ),
    ("Pulumi/3.108.1", "pulumi"),
    (
      "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:horizontal-pod-autoscaler",
      "kube-controller-manager"
    ),
    ("kubelet/v1.30.2 (linux/amd64) kubernetes/3968350", "kubelet"),
    ("cert-manager-controller/v1.14.4 (linux/amd64) cert-manager/7f8e5a5", "client-go"),
    ("my-operator/v0.0.0 (linux/amd64) kubernetes/$Format", "client-go"),
    ("Go-http-client/2.0", "go-http-client"),
    ("OpenAPI-Generator/29.0.0/python", "python"),
    ("curl/8.5.0", "curl"),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36", "browser"),
    ("k9s/v0.32.4", "k9s"),
    ("spinnaker-clouddriver", "spinnaker"),
    ("Jenkins/2.440.2", "jenkins"),
    ("oc/4.15.0 (linux/amd64) kubernetes/9f5cc7e", "oc"),
    ("octopus-deploy/2024.1", "octopus-deploy"),
    ("", "unknown"),
    (nil, "unknown"),
  ]

  @Test(arguments: table.indices)
  func normalizesUserAgentsAndManagers(index: Int) {
    let (agent, family) = Self.table[index]
    #expect(ClientFamily(userAgent: agent).name == family, "\(agent ?? "nil")")
  }

  @Test func onlyDeliveryToolsCountAsContinuousDelivery() {
    let delivery = Self.table.filter { ClientFamily(userAgent: $0.agent).isContinuousDelivery }
    #expect(Set(delivery.map(\.family)) == ["argocd", "flux", "spinnaker", "jenkins"])
    #expect(!ClientFamily.kubectl.isContinuousDelivery)
    #expect(!ClientFamily(userAgent: "helm/3.14.2").isContinuousDelivery)
  }
}
