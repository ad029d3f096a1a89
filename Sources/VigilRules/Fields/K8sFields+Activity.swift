import VigilCore
import VigilJSON

/// `k8s.exec.*` (what was run in a pod) and `k8s.rbac.*` (what a role binding grants to whom).
extension K8sFields {
  /// Exec/attach and RBAC fields.
  static let activity: [Field] = [
    Field.reading(
      "k8s.exec.command", .string,
      "For pods/exec: the command line, the repeated `command=` query parameters joined by spaces"
    ) { event, _ in
      guard let words = execCommand(event), !words.isEmpty else { return .missing }
      return .string(words.joined(separator: " "))
    },
    Field.reading(
      "k8s.exec.binary", .string,
      "For pods/exec: the program run, the last path component of the first command word (apt-get, sh …)"
    ) { event, _ in
      guard let first = execCommand(event)?.first else { return .missing }
      let utf8 = first.utf8
      guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return .string(first) }
      return .string(String(Substring(utf8[utf8.index(after: slash)...])))
    },
    Field.reading(
      "k8s.exec.words", .string, list: true, argument: .optionalIndex,
      "For pods/exec: every whitespace-separated word of the command line, paths cut to their last component (`sh -c \"/usr/bin/apt-get install x\"` → sh, -c, apt-get, install, x), so `intersects (apt-get, yum, pip)` finds a package manager behind a shell"
    ) { event, _ in
      guard let command = execCommand(event) else { return .missing }
      var out: [String] = []
      for argument in command {
        for word in argument.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A })
        {
          let tail =
            word.lastIndex(of: UInt8(ascii: "/")).map { word[word.index(after: $0)...] } ?? word
          let text = String(Substring(tail)).trimmingQuotes
          if !text.isEmpty { out.append(text) }
        }
      }
      return .strings(out)
    },
    Field.reading(
      "k8s.exec.container", .string,
      "For pods/exec and pods/attach: the `container=` query parameter"
    ) { event, _ in
      guard let audit = event.audit, audit.objectRef?.resource == "pods",
        let values = FieldSupport.queryValues(audit.requestURI, named: "container"),
        let first = values.first
      else { return .missing }
      return .string(first)
    },
    Field.reading(
      "k8s.rbac.role", .string,
      "For (Cluster)RoleBindings: the name of the role bound (roleRef.name)"
    ) { event, _ in
      guard isBinding(event) else { return .missing }
      return .json(event.requestObject?["roleRef"]?["name"])
    },
    Field.reading(
      "k8s.rbac.role.kind", .string,
      "For (Cluster)RoleBindings: Role or ClusterRole (roleRef.kind)"
    ) { event, _ in
      guard isBinding(event) else { return .missing }
      return .json(event.requestObject?["roleRef"]?["kind"])
    },
    Field.reading(
      "k8s.rbac.subjects", .string, list: true, argument: .optionalIndex,
      "For (Cluster)RoleBindings: the subjects bound, users and service accounts as the user name they authenticate as (alice, system:serviceaccount:ns:name), groups by name"
    ) { event, _ in
      guard isBinding(event), let subjects = event.requestObject?["subjects"] else {
        return .missing
      }
      var out: [String] = []
      subjects.forEachElement { subject in
        guard let name = subject["name"]?.string else { return }
        if subject["kind"]?.stringEquals("ServiceAccount") == true {
          out.append("system:serviceaccount:\(subject["namespace"]?.string ?? ""):\(name)")
        } else {
          out.append(name)
        }
      }
      return .strings(out)
    },
  ]

  /// The words of an exec request's command (`?command=sh&command=-c&command=id`).
  static func execCommand(_ event: FieldContext) -> [String]? {
    guard let audit = event.audit, audit.objectRef?.resource == "pods",
      audit.objectRef?.subresource == "exec"
    else { return nil }
    return FieldSupport.queryValues(audit.requestURI, named: "command")
  }

  /// Whether the event is about a RoleBinding or ClusterRoleBinding.
  static func isBinding(_ event: FieldContext) -> Bool {
    let resource = event.audit?.objectRef?.resource
    return resource == "rolebindings" || resource == "clusterrolebindings"
  }
}

extension String {
  /// The string without the shell quotes and separators that wrap words (`"apt-get` → `apt-get`).
  fileprivate var trimmingQuotes: String {
    let quotes: Set<UInt8> = [0x22, 0x27, 0x3B, 0x26, 0x7C, 0x28, 0x29, 0x60]
    let utf8 = self.utf8
    guard let first = utf8.firstIndex(where: { !quotes.contains($0) }),
      let last = utf8.lastIndex(where: { !quotes.contains($0) })
    else { return "" }
    return String(Substring(utf8[first...last]))
  }
}
