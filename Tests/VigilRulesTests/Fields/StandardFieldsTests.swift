import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilTesting

@testable import VigilRules

/// The field set as a whole: Falco's complete k8saudit list is there with Falco's list-ness and
/// argument forms, names are unique, and every field runs on every real Falco regression event.
@Suite struct StandardFieldsTests {
  /// Falco's k8saudit plugin fields (plugin README): name, list, argument (`-`, `Index`, `Key`).
  static let falcoKA: [(name: String, list: Bool, argument: String)] = {
    var out: [(String, Bool, String)] = [
      ("ka.auditid", false, "-"), ("ka.stage", false, "-"), ("ka.auth.decision", false, "-"),
      ("ka.auth.reason", false, "-"), ("ka.auth.openshift.decision", false, "-"),
      ("ka.validations.admission.policy.failure", false, "-"),
      ("ka.security.pod.violations", false, "-"), ("ka.auth.openshift.username", false, "-"),
      ("ka.user.name", false, "-"), ("ka.user.groups", true, "-"), ("ka.impuser.name", false, "-"),
      ("ka.verb", false, "-"), ("ka.uri", false, "-"), ("ka.uri.param", false, "Key"),
      ("ka.target.name", false, "-"), ("ka.target.namespace", false, "-"),
      ("ka.target.resource", false, "-"), ("ka.target.subresource", false, "-"),
      ("ka.target.pod.name", false, "-"), ("ka.req.binding.subjects", true, "-"),
      ("ka.req.binding.subjects.user_names", true, "-"),
      ("ka.req.binding.subjects.serviceaccount_names", true, "-"),
      ("ka.req.binding.subjects.serviceaccount_ns_names", true, "-"),
      ("ka.req.binding.subjects.group_names", true, "-"), ("ka.req.binding.role", false, "-"),
      ("ka.req.binding.subject.has_name", false, "Key"), ("ka.req.configmap.name", false, "-"),
      ("ka.req.configmap.obj", false, "-"), ("ka.req.container.image", false, "-"),
      ("ka.req.container.image.repository", false, "-"), ("ka.req.pod.host_ipc", false, "-"),
      ("ka.req.pod.host_network", false, "-"), ("ka.req.container.host_network", false, "-"),
      ("ka.req.pod.host_pid", false, "-"), ("ka.req.container.privileged", false, "-"),
      ("ka.req.pod.run_as_user", false, "-"), ("ka.req.pod.run_as_group", false, "-"),
      ("ka.req.role.rules", true, "-"), ("ka.req.role.rules.apiGroups", true, "Index"),
      ("ka.req.role.rules.nonResourceURLs", true, "Index"),
      ("ka.req.role.rules.verbs", true, "Index"),
      ("ka.req.role.rules.resources", true, "Index"), ("ka.req.pod.fs_group", false, "-"),
      ("ka.req.pod.supplemental_groups", true, "-"), ("ka.req.service.type", false, "-"),
      ("ka.req.service.ports", true, "Index"), ("ka.req.pod.volumes.hostpath", true, "Index"),
      ("ka.req.volume.hostpath", false, "Key"),
      ("ka.req.pod.volumes.flexvolume_driver", true, "Index"),
      ("ka.req.pod.volumes.volume_type", true, "Index"), ("ka.resp.name", false, "-"),
      ("ka.response.code", false, "-"), ("ka.response.reason", false, "-"),
      ("ka.useragent", false, "-"), ("ka.sourceips", true, "Index"),
      ("ka.cluster.name", false, "-"),
    ]
    let perContainer = [
      "name", "image", "image.repository", "command", "args", "privileged",
      "allow_privilege_escalation", "read_only_fs", "run_as_user", "eff_run_as_user",
      "run_as_group", "eff_run_as_group", "proc_mount", "add_capabilities",
    ]
    for list in ["containers", "initContainers", "ephemeralContainers"] {
      let suffixes = list == "ephemeralContainers" ? perContainer : perContainer + ["host_port"]
      out += suffixes.map { ("ka.req.pod.\(list).\($0)", true, "Index") }
    }
    return out
  }()

  @Test func everyFalcoK8sAuditFieldIsDeclaredAsFalcoDeclaresIt() throws {
    let registry = FieldRegistry.standard
    for expected in Self.falcoKA {
      let field = try #require(registry.field(named: expected.name), "missing \(expected.name)")
      #expect(field.type == .string, "\(expected.name) is a string in Falco")
      #expect(field.isList == expected.list, "\(expected.name) list-ness")
      let argument: String =
        switch field.argument {
        case .none: "-"
        case .optionalIndex: "Index"
        case .requiredKey: "Key"
        }
      #expect(argument == expected.argument, "\(expected.name) argument")
    }
    let ka = registry.fields.filter { $0.name.hasPrefix("ka.") }
    #expect(ka.count == Self.falcoKA.count, "ka.* has fields Falco does not have")
  }

  @Test func namesAreUniqueAndDocumented() {
    let fields = FieldRegistry.standard.fields
    #expect(Set(fields.map(\.name)).count == fields.count)
    for field in fields {
      #expect(!field.description.isEmpty, "\(field.name) has no description")
    }
    let counts = Dictionary(grouping: fields) { String($0.name.prefix { $0 != "." }) }
      .mapValues(\.count)
    print("fields per namespace: \(counts.sorted { $0.key < $1.key })")
    #expect(counts["jevt"] == 5)
    #expect(counts["json"] == 3)
  }

  @Test(.enabled(if: SharedData.shouldRun, "\(SharedData.skipMessage)"))
  func everyFieldRunsOnEveryFalcoRegressionEvent() throws {
    let folder = try SharedData.require("anchors/falco-k8saudit/events")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    #expect(files.count >= 30)
    var decoded = 0
    var extracted = 0
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let (events, _) = AuditDecoder().decode(text: text)
      decoded += events.count
      for event in events {
        for field in FieldRegistry.standard.fields {
          for argument in Self.arguments(for: field) {
            let value = field.value(of: event, argument: argument)
            if value != .missing { extracted += 1 }
            Self.checkShape(value, field, file)
          }
        }
      }
    }
    #expect(decoded >= 31)
    #expect(extracted > 1000)
  }

  @Test(.enabled(if: SharedData.shouldRun, "\(SharedData.skipMessage)"))
  func falcoRegressionEventsReadAsTheRulesExpect() throws {
    let privileged = try Self.anchor("create_nginx_pod_privileged.json")
    #expect(Self.values("ka.req.pod.containers.privileged", privileged).contains("true"))
    let mixed = try Self.anchor(
      "create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json")
    #expect(Self.values("ka.req.pod.containers.privileged", mixed) == ["false", "true"])
    let unprivileged = try Self.anchor("create_nginx_pod_unprivileged.json")
    #expect(!Self.values("ka.req.pod.containers.privileged", unprivileged).contains("true"))
    let mount = try Self.anchor("create_nginx_pod_sensitive_mount.json")
    #expect(!Self.values("ka.req.pod.volumes.hostpath", mount).isEmpty)
    let hostNetwork = try Self.anchor("create_nginx_pod_hostnetwork.json")
    #expect(Self.values("ka.req.pod.host_network", hostNetwork) == ["true"])
    let nodePort = try Self.anchor("create_nginx_service_nodeport.json")
    #expect(Self.values("ka.req.service.type", nodePort) == ["NodePort"])
    let attach = try Self.anchor("attach_pod.json")
    #expect(Self.values("ka.target.subresource", attach) == ["attach"])
    #expect(Self.values("ka.uri.param", attach, .key("container")) == ["nginx1"])
    #expect(Self.values("jevt.value", attach, .key("/stage")) == ["ResponseStarted"])
    let binding = try Self.anchor("create_clusterrolebinding.json")
    #expect(!Self.values("ka.req.binding.role", binding).isEmpty)
    #expect(!Self.values("k8s.rbac.subjects", binding).isEmpty)
    let deployment = try Self.anchor("create_deployment.json")
    #expect(Self.values("k8s.req.images", deployment) == ["nginx"])
    #expect(Self.values("k8s.req.registries", deployment) == ["docker.io"])
    #expect(Self.values("ka.req.pod.containers.image", deployment).isEmpty)
  }

  /// The events of one anchor file (one event each).
  static func anchor(_ file: String) throws -> Event {
    let url = try SharedData.require("anchors/falco-k8saudit/events/\(file)")
    let (events, _) = AuditDecoder().decode(text: try String(contentsOf: url, encoding: .utf8))
    return try #require(events.first, "\(file) decoded no event")
  }

  /// A field's values as display strings (`[]` when missing).
  static func values(_ name: String, _ event: Event, _ argument: FieldArgument? = nil) -> [String] {
    guard let field = FieldRegistry.standard.field(named: name) else { return ["<unknown>"] }
    switch field.value(of: event, argument: argument) {
    case .missing: return []
    case .list(let items): return items.map(\.display)
    case let value: return [value.display]
    }
  }

  /// The arguments to try a field with: none and `[0]` for index fields, a few keys otherwise.
  static func arguments(for field: Field) -> [FieldArgument?] {
    switch field.argument {
    case .none: [nil]
    case .optionalIndex: [nil, .index(0), .index(7)]
    case .requiredKey:
      [.key("/stage"), .key("/requestObject/spec"), .key("command"), .key("/etc*"), .key("")]
    }
  }

  /// A value has the declared type: list fields give lists (or a single item when indexed),
  /// scalars never give lists, and scalar values match `type`.
  static func checkShape(_ value: FieldValue, _ field: Field, _ file: String) {
    func scalarMatches(_ item: FieldValue) -> Bool {
      switch (item, field.type) {
      case (.missing, _), (.string, .string), (.number, .number), (.bool, .bool): true
      default: false
      }
    }
    switch value {
    case .list(let items):
      #expect(field.isList, "\(field.name) gave a list on \(file)")
      #expect(!items.isEmpty, "\(field.name) gave an empty list on \(file)")
      #expect(items.allSatisfy(scalarMatches), "\(field.name) item types on \(file)")
    default:
      #expect(scalarMatches(value), "\(field.name) type on \(file): \(value)")
    }
  }
}
