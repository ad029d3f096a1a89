import VigilCore

/// The parts of a Pod that Vigil uses.
public struct PodRecord: Sendable, Hashable {
  /// Namespace, name, uid, labels, owners, creation and deletion times.
  public var metadata: ObjectMetadata
  /// `spec.nodeName` (empty until scheduled).
  public var nodeName: String
  /// `spec.hostNetwork`.
  public var hostNetwork: Bool
  /// `spec.serviceAccountName` (empty when unset).
  public var serviceAccountName: String
  /// `status.podIPs` (or `status.podIP`), parsed.
  public var podIPs: [IPAddress]
  /// `status.phase` (`Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`).
  public var phase: String
  /// Init, regular and ephemeral containers with their status.
  public var containers: [ContainerRecord]

  /// Creates a record.
  public init(
    metadata: ObjectMetadata, nodeName: String = "", hostNetwork: Bool = false,
    serviceAccountName: String = "", podIPs: [IPAddress] = [], phase: String = "",
    containers: [ContainerRecord] = []
  ) {
    self.metadata = metadata
    self.nodeName = nodeName
    self.hostNetwork = hostNetwork
    self.serviceAccountName = serviceAccountName
    self.podIPs = podIPs
    self.phase = phase
    self.containers = containers
  }

  /// The namespace.
  public var namespace: String { metadata.namespace }
  /// The name.
  public var name: String { metadata.name }
  /// The uid.
  public var uid: String { metadata.uid }
  /// The labels.
  public var labels: Labels { metadata.labels }
  /// Whether the pod has finished (its IPs are released).
  public var hasTerminated: Bool { phase == "Succeeded" || phase == "Failed" }
  /// The pod's IPs while it can hold them (none for hostNetwork pods, which use the node's).
  var heldIPs: [IPAddress] { hostNetwork || hasTerminated ? [] : podIPs }
}

/// One container of a pod: spec and status joined by name.
public struct ContainerRecord: Sendable, Hashable {
  /// Which list the container is in.
  public enum Role: String, Sendable, Hashable {
    /// `spec.initContainers`.
    case initContainer = "init"
    /// `spec.containers`.
    case container = "container"
    /// `spec.ephemeralContainers` (`kubectl debug`).
    case ephemeral = "ephemeral"
  }

  /// The container name.
  public var name: String
  /// Init, regular or ephemeral.
  public var role: Role
  /// The image as written in the spec.
  public var image: String
  /// The ports it declares.
  public var ports: [ContainerPortRecord]
  /// `containerStatuses[].containerID` (`containerd://…`), empty until it runs.
  public var containerID: String
  /// `containerStatuses[].imageID` (the resolved digest), empty until it runs.
  public var imageID: String

  /// Creates a record.
  public init(
    name: String, role: Role = .container, image: String, ports: [ContainerPortRecord] = [],
    containerID: String = "", imageID: String = ""
  ) {
    self.name = name
    self.role = role
    self.image = image
    self.ports = ports
    self.containerID = containerID
    self.imageID = imageID
  }
}

/// One `ports` entry of a container.
public struct ContainerPortRecord: Sendable, Hashable {
  /// `containerPort`.
  public var containerPort: Int32
  /// `hostPort`, 0 when none.
  public var hostPort: Int32
  /// `TCP`, `UDP` or `SCTP`.
  public var `protocol`: String
  /// The port name, empty when none.
  public var name: String

  /// Creates a port.
  public init(
    containerPort: Int32, hostPort: Int32 = 0, protocol: String = "TCP", name: String = ""
  ) {
    self.containerPort = containerPort
    self.hostPort = hostPort
    self.protocol = `protocol`
    self.name = name
  }
}
