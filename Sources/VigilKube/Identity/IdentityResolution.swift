import VigilCore

/// What an IP address was at one time: its holder when known, else its class, with a confidence.
public struct IdentityResolution: Sendable, Hashable, CustomStringConvertible {
  /// The address asked about.
  public var address: IPAddress
  /// The holder at that time, when known.
  public var holder: IdentityHolder?
  /// The holder's class, or the range the address lies in.
  public var addressClass: AddressClass
  /// How sure this is.
  public var confidence: IdentityConfidence
  /// The node whose pod CIDR contains the address, or that held it, when known.
  public var nodeName: String?

  /// Creates a resolution.
  public init(
    address: IPAddress, holder: IdentityHolder?, addressClass: AddressClass,
    confidence: IdentityConfidence, nodeName: String? = nil
  ) {
    self.address = address
    self.holder = holder
    self.addressClass = addressClass
    self.confidence = confidence
    self.nodeName = nodeName
  }

  /// The holder's description, else `10.244.3.7 (pod-cidr of node worker-1, no known pod)`.
  public var description: String {
    if let holder { return holder.description }
    let node = nodeName.map { " of node \($0)" } ?? ""
    let hedge = confidence == .inferred ? ", inferred" : ""
    switch addressClass {
    case .podCIDR: return "\(address) (pod-cidr\(node), no known pod)"
    case .serviceCIDR: return "\(address) (service-cidr\(hedge), no known service)"
    case .node: return "\(address) (node\(node)\(hedge))"
    default: return "\(address) (\(addressClass.rawValue))"
    }
  }
}
