import VigilCore

/// Vigil's identity fields (`user.*`): who made the request, classified, for every audit shape.
enum UserFields {
  /// Every `user.*` field.
  static let all: [Field] = [
    Field("user.name", .string, "The authenticated user name") { event, _ in
      .nonEmpty(event.audit?.user.username)
    },
    Field("user.groups", .string, list: true, argument: .optionalIndex, "The user's groups") {
      event, _ in .strings(event.audit?.user.groups ?? [])
    },
    Field(
      "user.kind", .string,
      "Kind of identity: human, serviceaccount, node, system (control plane, eks:*, aksService …) or anonymous"
    ) { event, _ in
      guard let user = event.audit?.user else { return .missing }
      return .string(FieldSupport.userKind(user).rawValue)
    },
    Field("user.sa.namespace", .string, "For a service account user: its namespace") {
      event, _ in
      .optional(event.audit.flatMap { FieldSupport.serviceAccount($0.user.username)?.namespace })
    },
    Field("user.sa.name", .string, "For a service account user: its name") { event, _ in
      .optional(event.audit.flatMap { FieldSupport.serviceAccount($0.user.username)?.name })
    },
    Field("user.impersonated", .bool, "True when the request impersonates another user") {
      event, _ in
      guard let audit = event.audit else { return .missing }
      return .bool(audit.impersonatedUser != nil)
    },
    Field("user.impersonated.name", .string, "The impersonated user name") { event, _ in
      .nonEmpty(event.audit?.impersonatedUser?.username)
    },
    Field(
      "user.effective.name", .string,
      "The identity the request acts as: the impersonated user, else the authenticated one"
    ) { event, _ in
      guard let audit = event.audit else { return .missing }
      if let impersonated = audit.impersonatedUser, !impersonated.username.isEmpty {
        return .string(impersonated.username)
      }
      return .nonEmpty(audit.user.username)
    },
    Field(
      "user.effective.kind", .string,
      "Kind of the identity the request acts as (see user.kind)"
    ) { event, _ in
      guard let audit = event.audit else { return .missing }
      return .string(FieldSupport.userKind(audit.impersonatedUser ?? audit.user).rawValue)
    },
  ]
}
