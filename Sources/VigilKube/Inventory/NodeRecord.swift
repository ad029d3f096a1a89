/// The parts of a Node that Vigil uses.
public struct NodeRecord: Sendable, Hashable {
  /// Name, uid, labels.
  public var metadata: ObjectMetadata
  /// `status.addresses` of type `InternalIP`.
  public var internalIPs: [IPAddress]
  /// `status.addresses` of type `ExternalIP`.
  public var externalIPs: [IPAddress]
  /// `spec.podCIDRs` (or `spec.podCIDR`).
  public var podCIDRs: [IPNetwork]

  /// Creates a record.
  public init(
    metadata: ObjectMetadata, internalIPs: [IPAddress] = [], externalIPs: [IPAddress] = [],
    podCIDRs: [IPNetwork] = []
  ) {
    self.metadata = metadata
    self.internalIPs = internalIPs
    self.externalIPs = externalIPs
    self.podCIDRs = podCIDRs
  }

  /// The node name.
  public var name: String { metadata.name }
}
