/// The parts of an EndpointSlice that Vigil uses: which pod stands behind which address.
public struct EndpointSliceRecord: Sendable, Hashable {
  /// Namespace, name, labels.
  public var metadata: ObjectMetadata
  /// The Service it belongs to (label `kubernetes.io/service-name`).
  public var serviceName: String
  /// `IPv4`, `IPv6` or `FQDN`.
  public var addressType: String
  /// The endpoints.
  public var endpoints: [Endpoint]
  /// The port numbers served.
  public var ports: [Int32]

  /// One endpoint: its addresses and the object behind them.
  public struct Endpoint: Sendable, Hashable {
    /// The addresses (parsed; FQDN endpoints have none).
    public var addresses: [IPAddress]
    /// `targetRef.kind` (usually `Pod`), empty when none.
    public var targetKind: String
    /// `targetRef.name`.
    public var targetName: String
    /// `targetRef.namespace` (the slice's when absent).
    public var targetNamespace: String
    /// `conditions.ready` (true when absent).
    public var ready: Bool

    /// Creates an endpoint.
    public init(
      addresses: [IPAddress], targetKind: String = "", targetName: String = "",
      targetNamespace: String = "", ready: Bool = true
    ) {
      self.addresses = addresses
      self.targetKind = targetKind
      self.targetName = targetName
      self.targetNamespace = targetNamespace
      self.ready = ready
    }
  }

  /// Creates a record.
  public init(
    metadata: ObjectMetadata, serviceName: String, addressType: String = "IPv4",
    endpoints: [Endpoint] = [], ports: [Int32] = []
  ) {
    self.metadata = metadata
    self.serviceName = serviceName
    self.addressType = addressType
    self.endpoints = endpoints
    self.ports = ports
  }

  /// The pod behind `address`, when an endpoint names one.
  public func pod(at address: IPAddress) -> (namespace: String, name: String)? {
    for endpoint in endpoints where endpoint.targetKind == "Pod" {
      if endpoint.addresses.contains(address) {
        return (endpoint.targetNamespace, endpoint.targetName)
      }
    }
    return nil
  }
}
