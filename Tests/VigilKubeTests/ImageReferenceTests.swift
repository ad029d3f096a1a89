import Testing

@testable import VigilKube

@Suite struct ImageReferenceTests {
  static let sha = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

  /// Input → registry, repository, tag as written, digest, fully qualified form.
  static let valid: [(String, String, String, String?, String?, String)] = [
    ("nginx", "docker.io", "library/nginx", nil, nil, "docker.io/library/nginx:latest"),
    ("nginx:1.27", "docker.io", "library/nginx", "1.27", nil, "docker.io/library/nginx:1.27"),
    ("bitnami/redis", "docker.io", "bitnami/redis", nil, nil, "docker.io/bitnami/redis:latest"),
    (
      "bitnami/redis:7.2.4-debian-12-r9", "docker.io", "bitnami/redis", "7.2.4-debian-12-r9", nil,
      "docker.io/bitnami/redis:7.2.4-debian-12-r9"
    ),
    ("docker.io/nginx", "docker.io", "library/nginx", nil, nil, "docker.io/library/nginx:latest"),
    (
      "docker.io/library/nginx:stable", "docker.io", "library/nginx", "stable", nil,
      "docker.io/library/nginx:stable"
    ),
    (
      "index.docker.io/library/busybox", "docker.io", "library/busybox", nil, nil,
      "docker.io/library/busybox:latest"
    ),
    (
      "registry-1.docker.io/grafana/grafana:11.0.0", "docker.io", "grafana/grafana", "11.0.0", nil,
      "docker.io/grafana/grafana:11.0.0"
    ),
    ("localhost/app", "localhost", "app", nil, nil, "localhost/app:latest"),
    ("localhost:5000/app:1", "localhost:5000", "app", "1", nil, "localhost:5000/app:1"),
    (
      "registry.example.com:443/team/app@\(sha)", "registry.example.com:443", "team/app", nil, sha,
      "registry.example.com:443/team/app@\(sha)"
    ),
    (
      "quay.io/prometheus/node-exporter:v1.8.1", "quay.io", "prometheus/node-exporter", "v1.8.1",
      nil,
      "quay.io/prometheus/node-exporter:v1.8.1"
    ),
    (
      "ghcr.io/org/team/sub/app:sha-1a2b3c", "ghcr.io", "org/team/sub/app", "sha-1a2b3c", nil,
      "ghcr.io/org/team/sub/app:sha-1a2b3c"
    ),
    (
      "nginx:1.27@\(sha)", "docker.io", "library/nginx", "1.27", sha,
      "docker.io/library/nginx:1.27@\(sha)"
    ),
    ("nginx@\(sha)", "docker.io", "library/nginx", nil, sha, "docker.io/library/nginx@\(sha)"),
    (
      "registry.k8s.io/pause:3.9", "registry.k8s.io", "pause", "3.9", nil,
      "registry.k8s.io/pause:3.9"
    ),
    (
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:2024.05.01",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
      "payments/api", "2024.05.01", nil,
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:2024.05.01"
    ),
    (
      "europe-west4-docker.pkg.dev/proj-1/repo/img:v1", "europe-west4-docker.pkg.dev",
      "proj-1/repo/img", "v1", nil,
      "europe-west4-docker.pkg.dev/proj-1/repo/img:v1"
    ),
    (
      "10.0.0.5:5000/mirror/alpine:3.20", "10.0.0.5:5000", "mirror/alpine", "3.20", nil,
      "10.0.0.5:5000/mirror/alpine:3.20"
    ),
    ("[::1]:5000/app:dev", "[::1]:5000", "app", "dev", nil, "[::1]:5000/app:dev"),
    ("my_org/my__app", "docker.io", "my_org/my__app", nil, nil, "docker.io/my_org/my__app:latest"),
    ("a/b---c.d:_tag", "docker.io", "a/b---c.d", "_tag", nil, "docker.io/a/b---c.d:_tag"),
    (
      "Registry.Example.com/app", "Registry.Example.com", "app", nil, nil,
      "Registry.Example.com/app:latest"
    ),
    (
      "busybox:" + String(repeating: "t", count: 128), "docker.io", "library/busybox",
      String(repeating: "t", count: 128), nil,
      "docker.io/library/busybox:" + String(repeating: "t", count: 128)
    ),
    (
      "mcr.microsoft.com/dotnet/aspnet:8.0-alpine", "mcr.microsoft.com", "dotnet/aspnet",
      "8.0-alpine", nil,
      "mcr.microsoft.com/dotnet/aspnet:8.0-alpine"
    ),
    (
      "app:latest@sha512:" + String(repeating: "ab", count: 64), "docker.io", "library/app",
      "latest",
      "sha512:" + String(repeating: "ab", count: 64),
      "docker.io/library/app:latest@sha512:" + String(repeating: "ab", count: 64)
    ),
  ]

  @Test func parsesValidReferences() throws {
    #expect(Self.valid.count >= 25)
    for (input, registry, repository, tag, digest, canonical) in Self.valid {
      let image = try ImageReference.parse(input)
      #expect(image.registry == registry, "\(input)")
      #expect(image.repository == repository, "\(input)")
      #expect(image.tag == tag, "\(input)")
      #expect(image.digest == digest, "\(input)")
      #expect(image.isPinned == (digest != nil), "\(input)")
      #expect(image.description == canonical, "\(input)")
      #expect(
        try ImageReference.parse(image.description) == image.normalized, "round trip \(input)")
    }
  }

  static let invalid: [(String, ImageReferenceError.Code)] = [
    ("", .empty),
    ("Nginx", .uppercaseRepository),
    ("docker.io/Library/nginx", .uppercaseRepository),
    ("nginx:", .invalidTag),
    (":latest", .invalidRepository),
    ("nginx:-bad", .invalidTag),
    ("nginx:" + String(repeating: "t", count: 129), .invalidTag),
    ("nginx@sha256:abc", .invalidDigest),
    ("nginx@sha256:" + String(repeating: "A", count: 64), .invalidDigest),
    ("nginx@" + String(repeating: "a", count: 64), .invalidDigest),
    ("nginx@sha256:\(String(repeating: "a", count: 64))@x", .invalidDigest),
    ("registry.example.com:port/app", .invalidRegistry),
    ("-bad.example.com/app", .invalidRegistry),
    ("example..com/app", .invalidRegistry),
    ("team//app", .invalidRepository),
    ("team/app/", .invalidRepository),
    ("team/-app", .invalidRepository),
    ("team/app..x", .invalidRepository),
    ("team/ app", .invalidRepository),
    ("nginx latest", .invalidRepository),
    ("ünïcode/app", .invalidRepository),
    ("a/" + String(repeating: "b", count: 260), .tooLong),
  ]

  @Test func reportsInvalidReferences() {
    for (input, code) in Self.invalid {
      #expect(throws: ImageReferenceError.self, "\(input)") { try ImageReference.parse(input) }
      do {
        _ = try ImageReference.parse(input)
      } catch {
        #expect(error.code == code, "\(input): \(error)")
        #expect(!error.description.isEmpty)
      }
    }
  }

  @Test func registryClasses() throws {
    let cases: [(String, RegistryClass)] = [
      ("nginx", .public), ("quay.io/a/b", .public), ("ghcr.io/a/b", .public),
      ("public.ecr.aws/a/b", .public),
      ("gcr.io/p/b", .public), ("registry.k8s.io/pause", .public), ("k8s.gcr.io/pause", .public),
      ("mcr.microsoft.com/a/b", .public),
      ("docker.elastic.co/elasticsearch/elasticsearch:8.14.0", .public),
      ("123456789012.dkr.ecr.eu-west-1.amazonaws.com/a", .cloudAccount),
      ("corp.azurecr.io/a", .cloudAccount),
      ("us-docker.pkg.dev/p/r/i", .cloudAccount), ("registry.corp.example:5000/a", .private),
      ("localhost:5000/a", .local), ("127.0.0.1:5000/a", .local), ("[::1]:5000/a", .local),
      ("QUAY.IO/a/b", .public),
    ]
    for (input, expected) in cases {
      #expect(try ImageReference.parse(input).registryClass == expected, "\(input)")
    }
    let custom = RegistryClassifier(privateRegistries: ["ghcr.io"])
    #expect(custom.classify("ghcr.io") == .private)
    #expect(custom.classify("docker.io") == .public)
  }
}
