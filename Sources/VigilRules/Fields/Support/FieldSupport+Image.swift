/// Container image references: Falco's repository cut and the registry host.
extension FieldSupport {
  /// Falco's `….image.repository`: the image cut at its first `:`, then at its first `@`
  /// (`nginx:1.25` → `nginx`, `falcosecurity/falco@sha256:…` → `falcosecurity/falco`; note that a
  /// registry port is cut too: `reg:5000/app:1` → `reg`, exactly as Falco does).
  static func falcoRepository(_ image: String) -> String {
    var end = image.utf8.endIndex
    if let colon = image.utf8.firstIndex(of: UInt8(ascii: ":")) { end = colon }
    let head = image.utf8[image.utf8.startIndex..<end]
    if let at = head.firstIndex(of: UInt8(ascii: "@")) {
      return String(Substring(image.utf8[image.utf8.startIndex..<at]))
    }
    return String(Substring(head))
  }

  /// The registry an image is pulled from: the first path component when it names a host (has a
  /// `.` or a `:` or is `localhost`), lowercased with its port; `docker.io` otherwise (Docker Hub,
  /// including its aliases `index.docker.io` and `registry-1.docker.io`). nil for an empty image.
  static func registry(_ image: String) -> String? {
    let utf8 = image.utf8
    guard !utf8.isEmpty else { return nil }
    guard let slash = utf8.firstIndex(of: UInt8(ascii: "/")) else { return "docker.io" }
    let first = utf8[utf8.startIndex..<slash]
    let looksLikeHost =
      first.contains(UInt8(ascii: ".")) || first.contains(UInt8(ascii: ":"))
      || first.elementsEqual("localhost".utf8)
    guard looksLikeHost else { return "docker.io" }
    let host = String(Substring(first)).lowercased()
    switch host {
    case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com": return "docker.io"
    default: return host
    }
  }
}
