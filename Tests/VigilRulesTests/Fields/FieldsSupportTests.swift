import Testing

@testable import VigilRules

/// The helpers behind the extractors: glob, query strings, images, user agents, identities.
@Suite struct FieldsSupportTests {
  @Test(arguments: [
    ("/proc*", "/proc", true), ("/proc*", "/proc/sys/kernel", true), ("/proc*", "/pro", false),
    ("/", "/", true), ("/", "/etc", false), ("/etc", "/etc", true), ("/etc", "/etc/ssl", false),
    ("/var/run/docker.sock", "/var/run/docker.sock", true),
    ("*.sock", "/run/containerd.sock", true),
    ("/dev/sd?", "/dev/sda", true), ("/dev/sd?", "/dev/sda1", false),
    ("/dev/sd[a-c]", "/dev/sdb", true),
    ("/dev/sd[!a-c]", "/dev/sdb", false), ("/a*b*c", "/axxbyyc", true),
    ("/a*b*c", "/axxbyy", false),
    ("/[broken", "/[broken", true),
  ])
  func glob(pattern: String, text: String, expected: Bool) {
    #expect(FieldSupport.globMatch(pattern, text) == expected)
  }

  @Test func queryStrings() {
    let pairs = FieldSupport.queryPairs("/x?a=1&b=two+words&c=%2Fbin%2Fsh&a=2&flag&=v#frag=1")
    #expect(pairs?.map(\.key) == ["a", "b", "c", "a", "flag", ""])
    #expect(pairs?.map(\.value) == ["1", "two words", "/bin/sh", "2", "", "v"])
    #expect(FieldSupport.queryValues("/x?a=1&a=2", named: "a") == ["1", "2"])
    #expect(FieldSupport.queryValues("/x", named: "a") == [])
    #expect(FieldSupport.queryValues("/x?a=%zz", named: "a") == nil)
    #expect(FieldSupport.queryValues("/x?a=%4", named: "a") == nil)
    #expect(FieldSupport.queryValues("/x?a=1;b=2", named: "a") == nil)
    #expect(FieldSupport.queryValues("/x?k%C3%A9=%C3%A9t%C3%A9", named: "ké") == ["été"])
  }

  @Test(arguments: [
    "/x?a=1&b=2&a=3", "/x?a", "/x?a=", "/x?=a", "/x?b=%zz&a=1", "/x?a=1&b=%4", "/x?a=1&b;=2",
    "/x?a%3D=1&a=2", "/x?%61=1&a+b=2", "/x?a=1#a=2", "/x?&&a=1&&", "/x?a=%C3%A9+x", "/x",
    "/x?", "/x?k%C3%A9=1&ké=2", "/x?K=1&\u{212A}=2",
  ])
  func queryValuesAgreeWithQueryPairs(uri: String) {
    for name in ["a", "a b", "a=", "ké", "K", "\u{212A}", "", "b"] {
      let expected = FieldSupport.queryPairs(uri).map { pairs in
        pairs.filter { $0.key == name }.map(\.value)
      }
      #expect(FieldSupport.queryValues(uri, named: name) == expected, "\(uri) \(name)")
    }
  }

  @Test(arguments: [
    ("nginx", "nginx", "docker.io"), ("nginx:1.25", "nginx", "docker.io"),
    ("library/nginx@sha256:ab", "library/nginx", "docker.io"),
    ("falcosecurity/falco:0.37", "falcosecurity/falco", "docker.io"),
    ("docker.io/library/redis:7", "docker.io/library/redis", "docker.io"),
    ("registry-1.docker.io/x/y", "registry-1.docker.io/x/y", "docker.io"),
    ("ghcr.io/acme/api:1", "ghcr.io/acme/api", "ghcr.io"),
    ("GCR.io/p/img", "GCR.io/p/img", "gcr.io"),
    ("localhost/app:dev", "localhost/app", "localhost"),
    ("reg.local:5000/team/app:2", "reg.local", "reg.local:5000"),
    (
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:1",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
    ),
  ])
  func images(image: String, repository: String, registry: String) {
    #expect(FieldSupport.falcoRepository(image) == repository)
    #expect(FieldSupport.registry(image) == registry)
  }

  @Test(arguments: [
    ("kubectl/v1.30.2 (linux/amd64) kubernetes/3968350", "kubectl"),
    ("kubectl.exe/v1.29.0 (windows/amd64) kubernetes/abc", "kubectl"),
    ("Helm/3.14.4", "helm"),
    ("argocd-application-controller/v2.11.0 (linux/amd64) kubernetes/abc", "argocd"),
    ("argocd-server/v2.11.0", "argocd"),
    ("helm-controller/v0.37.4", "flux"), ("kustomize-controller/v1.2.2", "flux"),
    ("HashiCorp/1.0 Terraform/1.7.5 terraform-provider-kubernetes/2.27.0", "terraform"),
    (
      "kube-controller-manager/v1.29.2 (linux/amd64) kubernetes/abc/system:serviceaccount:kube-system:x",
      "kube-controller-manager"
    ),
    ("kube-scheduler/v1.29.2 (linux/amd64) kubernetes/abc/scheduler", "kube-scheduler"),
    ("kubelet/v1.29.2 (linux/amd64) kubernetes/abc", "kubelet"),
    ("kube-probe/1.29", "kubelet"),
    ("cilium-operator-generic/v1.15 (linux/amd64) kubernetes/abc", "client-go"),
    ("OpenAPI-Generator/29.0.0/python", "python-kubernetes"),
    ("python-requests/2.31.0", "python-requests"), ("curl/8.5.0", "curl"),
    ("Mozilla/5.0 (X11; Linux x86_64)", "browser"), ("Go-http-client/2.0", "go-http-client"),
    ("something-else", "other"),
  ])
  func userAgents(agent: String, family: String) {
    #expect(FieldSupport.userAgentFamily(agent) == family)
  }

  @Test func serviceAccountNames() {
    let account = FieldSupport.serviceAccount("system:serviceaccount:ns:name")
    #expect(account.map { $0.namespace + "/" + $0.name } == "ns/name")
    #expect(FieldSupport.serviceAccount("system:serviceaccount:ns") == nil)
    #expect(FieldSupport.serviceAccount("system:serviceaccount::x") == nil)
    #expect(FieldSupport.serviceAccount("alice") == nil)
  }
}
