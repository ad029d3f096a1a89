import VigilCore
import VigilJSON

/// Falco's k8saudit plugin fields (`ka.*`), with the plugin's names, types, list-ness, argument
/// forms, descriptions and semantics, so existing Falco k8saudit rules load and fire unchanged.
///
/// As in Falco every `ka.*` field is a string (or a list of strings): `ka.response.code
/// startswith 2` must work. Numbers read as their JSON text, objects and arrays as compact JSON.
/// A field with no value (absent key, empty list) is `.missing`, so every comparison on it is
/// false. Vigil's own typed fields are `k8s.*` and `user.*`.
///
/// The set is split by topic: this file holds the request metadata; `KAFields+Pod.swift` the
/// pod and container fields; `KAFields+RBAC.swift` roles and bindings; `KAFields+Objects.swift`
/// services, config maps, volumes and responses.
enum KAFields {
  /// Every `ka.*` field, in Falco's order.
  static let all: [Field] =
    request + annotations + target + rbac + objects + pod + containers
    + response

  /// Who made which request.
  static let request: [Field] = [
    Field.reading("ka.auditid", .string, cost: .property, "The unique id of the audit event") { event, _ in
      .optional(event.audit?.auditID)
    },
    Field.reading(
      "ka.stage", .string, cost: .property, "Stage of the request (e.g. RequestReceived, ResponseComplete, etc.)"
    ) {
      event, _ in .optional(event.audit?.stage)
    },
    Field.reading("ka.user.name", .string, cost: .property, "The user name performing the request") { event, _ in
      .nonEmpty(event.audit?.user.username)
    },
    Field.reading("ka.user.groups", .string, list: true, cost: .property, "The groups to which the user belongs") {
      event, _ in .strings(event.audit?.user.groups ?? [])
    },
    Field.reading("ka.impuser.name", .string, cost: .property, "The impersonated user name") { event, _ in
      .nonEmpty(event.audit?.impersonatedUser?.username)
    },
    Field.reading("ka.verb", .string, cost: .property, "The action being performed") { event, _ in
      .nonEmpty(event.audit?.verb)
    },
    Field.reading("ka.uri", .string, cost: .property, "The request URI as sent from client to server") { event, _ in
      .nonEmpty(event.audit?.requestURI)
    },
    Field.reading(
      "ka.uri.param", .string, argument: .requiredKey,
      "The value of a given query parameter in the uri (e.g. when uri=/foo?key=val, ka.uri.param[key] is val)."
    ) { event, argument in
      guard let uri = event.audit?.requestURI, let argument,
        let values = FieldSupport.queryValues(uri, named: argument.key), let first = values.first
      else { return .missing }
      return .string(first)
    },
  ]

  /// The decisions recorded as audit annotations.
  static let annotations: [Field] = [
    annotation("ka.auth.decision", "authorization.k8s.io/decision", "The authorization decision"),
    annotation("ka.auth.reason", "authorization.k8s.io/reason", "The authorization reason"),
    annotation(
      "ka.auth.openshift.decision", "authentication.openshift.io/decision",
      "The authentication decision of the openshfit apiserver extention. Only available on openshift clusters"
    ),
    annotation(
      "ka.validations.admission.policy.failure",
      "validation.policy.admission.k8s.io/validation_failure",
      "The validation failure reason from a Validation Admission Policy"),
    annotation(
      "ka.security.pod.violations", "pod-security.kubernetes.io/audit-violations",
      "The violation reason for pod security policy"),
    annotation(
      "ka.auth.openshift.username", "authentication.openshift.io/username",
      "The user name performing the openshift authentication operation. Only available on openshift clusters"
    ),
  ]

  /// The object the request is about (`objectRef`).
  static let target: [Field] = [
    Field.reading("ka.target.name", .string, cost: .property, "The target object name") { event, _ in
      .optional(event.audit?.objectRef?.name)
    },
    Field.reading("ka.target.namespace", .string, cost: .property, "The target object namespace") { event, _ in
      .optional(event.audit?.objectRef?.namespace)
    },
    Field.reading("ka.target.resource", .string, cost: .property, "The target object resource") { event, _ in
      .optional(event.audit?.objectRef?.resource)
    },
    Field.reading("ka.target.subresource", .string, cost: .property, "The target object subresource") { event, _ in
      .optional(event.audit?.objectRef?.subresource)
    },
    Field.reading("ka.target.pod.name", .string, "The target pod name") { event, _ in
      guard let audit = event.audit, audit.objectRef?.resource == "pods" else { return .missing }
      if let name = audit.objectRef?.name { return .string(name) }
      let root = audit.document.root
      return .json(
        root["requestObject"]?["metadata"]?["name"] ?? root["responseObject"]?["metadata"]?["name"])
    },
  ]

  /// A field reading one audit annotation.
  static func annotation(_ name: String, _ key: String, _ description: String) -> Field {
    Field.reading(name, .string, description) { event, _ in
      .json(event.auditRoot?["annotations"]?[key])
    }
  }
}
