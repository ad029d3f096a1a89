import VigilCore

/// The seam between flows and the cluster model: what an IP address was at a time.
///
/// VigilNet knows no Kubernetes objects; VigilPipeline implements this over the inventory
/// (`KubeEndpointResolver`) and tests use `StaticEndpointResolver`. An answer says for how long it
/// holds, so the attributor can reuse it for every flow of the address in that span.
public protocol EndpointResolving {
  /// What `ip` (text, as in `FlowRecord`) was at `time`.
  func resolve(ip: String, at time: Timestamp) -> EndpointResolution
}

/// A resolver's answer: the end, its marks, whether it is only a placeholder until the inventory
/// learns the address ("unknown yet"), and the span of time the answer holds for.
public struct EndpointResolution: Sendable, Hashable {
  /// The end; for an unknown-yet answer, the end to use once the attributor gives up waiting
  /// (an external end of scope `.podCIDR`).
  public var endpoint: NetworkEndpoint
  /// Public-entry and sensitivity marks.
  public var marks: EndpointMarks
  /// The address lies in a cluster range but nothing there is known at that time yet.
  public var isUnknownYet: Bool
  /// Nanoseconds since the epoch from which the answer holds (inclusive).
  public var validFrom: Int64
  /// Nanoseconds since the epoch until which the answer holds (exclusive).
  public var validUntil: Int64

  /// Creates an answer that holds for `validFrom..<validUntil` (all time by default).
  public init(
    endpoint: NetworkEndpoint, marks: EndpointMarks = .none, isUnknownYet: Bool = false,
    validFrom: Int64 = .min, validUntil: Int64 = .max
  ) {
    self.endpoint = endpoint
    self.marks = marks
    self.isUnknownYet = isUnknownYet
    self.validFrom = validFrom
    self.validUntil = validUntil
  }

  /// A known end.
  public static func known(
    _ endpoint: NetworkEndpoint, marks: EndpointMarks = .none, validFrom: Int64 = .min,
    validUntil: Int64 = .max
  ) -> EndpointResolution {
    EndpointResolution(
      endpoint: endpoint, marks: marks, validFrom: validFrom, validUntil: validUntil)
  }

  /// An address in a cluster range the inventory does not know (yet); `scope` is what it becomes
  /// when the attributor gives up.
  public static func unknownYet(
    address: String, scope: NetworkEndpoint.AddressScope = .podCIDR, validFrom: Int64 = .min,
    validUntil: Int64 = .max
  ) -> EndpointResolution {
    EndpointResolution(
      endpoint: .external(address: address, scope: scope), isUnknownYet: true,
      validFrom: validFrom, validUntil: validUntil)
  }

  /// Whether the answer holds at `nanoseconds`.
  @inline(__always)
  public func holds(at nanoseconds: Int64) -> Bool {
    validFrom <= nanoseconds && nanoseconds < validUntil
  }
}
