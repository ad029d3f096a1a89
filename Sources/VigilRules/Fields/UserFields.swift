import VigilCore

/// Vigil's identity fields (`user.*`): who made the request, classified, for every audit shape.
enum UserFields {
  /// Every `user.*` field.
  static let all: [Field] = [
    Field.reading("user.name", .string, cost: .property, "The authenticated user name") { event, _ in
      .nonEmpty(event.audit?.user.username)
    },
    Field.reading("user.groups", .string, list: true, argument: .optionalIndex, cost: .property, "The user's groups") {
      event, _ in .strings(event.audit?.user.groups ?? [])
    },
    Field.reading(
      "user.kind", .string, cost: .property,
      "Kind of identity: human, serviceaccount, node, system (control plane, eks:*, aksService …) or anonymous"
    ) { event, _ in
      guard let user = event.audit?.user else { return .missing }
      return .string(FieldSupport.userKind(user).rawValue)
    },
    Field.reading("user.sa.namespace", .string, cost: .property, "For a service account user: its namespace") {
      event, _ in
      .optional(event.audit.flatMap { FieldSupport.serviceAccount($0.user.username)?.namespace })
    },
    Field.reading("user.sa.name", .string, cost: .property, "For a service account user: its name") { event, _ in
      .optional(event.audit.flatMap { FieldSupport.serviceAccount($0.user.username)?.name })
    },
    Field.reading("user.impersonated", .bool, cost: .property, "True when the request impersonates another user") {
      event, _ in
      guard let audit = event.audit else { return .missing }
      return .bool(audit.impersonatedUser != nil)
    },
    Field.reading("user.impersonated.name", .string, cost: .property, "The impersonated user name") { event, _ in
      .nonEmpty(event.audit?.impersonatedUser?.username)
    },
    Field.reading(
      "user.effective.name", .string, cost: .property,
      "The identity the request acts as: the impersonated user, else the authenticated one"
    ) { event, _ in
      guard let audit = event.audit else { return .missing }
      if let impersonated = audit.impersonatedUser, !impersonated.username.isEmpty {
        return .string(impersonated.username)
      }
      return .nonEmpty(audit.user.username)
    },
    Field.reading(
      "user.effective.kind", .string, cost: .property,
      "Kind of the identity the request acts as (see user.kind)"
    ) { event, _ in
      guard let audit = event.audit else { return .missing }
      return .string(FieldSupport.userKind(audit.impersonatedUser ?? audit.user).rawValue)
    },
  ]
}
