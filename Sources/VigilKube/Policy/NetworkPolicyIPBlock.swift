/// An `ipBlock` peer: a CIDR minus the `except` CIDRs inside it.
public struct NetworkPolicyIPBlock: Sendable, Hashable, CustomStringConvertible {
  /// `cidr`.
  public var cidr: IPNetwork
  /// `except`.
  public var except: [IPNetwork]

  /// Creates a block.
  public init(cidr: IPNetwork, except: [IPNetwork] = []) {
    self.cidr = cidr
    self.except = except
  }

  /// Whether `address` is in the CIDR and in none of the exceptions.
  public func contains(_ address: IPAddress) -> Bool {
    cidr.contains(address) && !except.contains { $0.contains(address) }
  }

  /// `10.0.0.0/8 except 10.1.0.0/16`.
  public var description: String {
    except.isEmpty
      ? cidr.description
      : "\(cidr) except \(except.map(\.description).joined(separator: ","))"
  }
}
