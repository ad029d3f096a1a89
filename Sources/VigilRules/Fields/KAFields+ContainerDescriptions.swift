/// The descriptions of Falco's per-container fields, worded as Falco's plugin words them.
extension KAFields {
  /// What a per-container field reports.
  enum Topic {
    case name, image, repository, command, args, privileged, escalation, readOnly, runAsUser
    case effUser, runAsGroup, effGroup, procMount, capabilities, hostPort
  }

  /// Falco's description of `topic` for `list`.
  static func text(_ list: FieldSupport.ContainerList, _ topic: Topic) -> String {
    let pod = "When the request object refers to a pod,"
    guard list != .containers else { return containersText(topic) }
    let who = list == .initContainers ? "init containers" : "ephemeral containers"
    let effective =
      "This combines information from both the pod and container security contexts and uses 0 if no"
    switch topic {
    case .name: return "\(pod) the \(who) names."
    case .image: return "\(pod) the \(who) images."
    case .repository:
      return
        "The same as ka.req.pod.\(list.rawValue).image, but only the repository part (e.g. falcosecurity/falco)."
    case .command: return "\(pod) the \(who) commands."
    case .args: return "\(pod) the \(who) args."
    case .privileged: return "\(pod) the value of the privileged flag for all \(who)."
    case .escalation:
      return "\(pod) the value of the allowPrivilegeEscalation flag for all \(who)."
    case .readOnly: return "\(pod) the value of the readOnlyRootFilesystem flag for all \(who)."
    case .runAsUser: return "\(pod) the runAsUser uid for all \(who)."
    case .effUser:
      return
        "\(pod) the initial uid that will be used for all \(who). \(effective) uid is specified."
    case .runAsGroup: return "\(pod) the runAsGroup gid for all \(who)."
    case .effGroup:
      return
        "\(pod) the initial gid that will be used for all \(who). \(effective) gid is specified."
    case .procMount: return "\(pod) the procMount type for all \(who)."
    case .capabilities: return "\(pod) the capabilities added for all \(who)."
    case .hostPort: return "\(pod) all \(who) hostPort values."
    }
  }

  /// Falco's descriptions of the `ka.req.pod.containers.*` fields.
  private static func containersText(_ topic: Topic) -> String {
    let pod = "When the request object refers to a pod,"
    let effective =
      "This combines information from both the pod and container security contexts and uses 0 if no"
    switch topic {
    case .name: return "\(pod) the container's names."
    case .image: return "\(pod) the container's images."
    case .repository:
      return
        "The same as req.container.image, but only the repository part (e.g. falcosecurity/falco)."
    case .command: return "\(pod) the container's command."
    case .args: return "\(pod) the container's args."
    case .privileged: return "\(pod) the value of the privileged flag for all containers."
    case .escalation:
      return "\(pod) the value of the allowPrivilegeEscalation flag for all containers"
    case .readOnly: return "\(pod) the value of the readOnlyRootFilesystem flag for all containers"
    case .runAsUser: return "\(pod) the runAsUser uid for all containers"
    case .effUser:
      return
        "\(pod) the initial uid that will be used for all containers. \(effective) uid is specified"
    case .runAsGroup: return "\(pod) the runAsGroup gid for all containers"
    case .effGroup:
      return
        "\(pod) the initial gid that will be used for all containers. \(effective) gid is specified"
    case .procMount: return "\(pod) the procMount types for all containers"
    case .capabilities: return "\(pod) all capabilities to add when running the container."
    case .hostPort: return "\(pod) all container's hostPort values."
    }
  }
}
