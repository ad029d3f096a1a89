/// Why a NetworkPolicy could not be read; the model reports it with the object and skips it.
public struct NetworkPolicyDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was wrong.
  public enum Code: Sendable, Hashable {
    /// The value is not a JSON object.
    case notAnObject
    /// The object is of another kind.
    case wrongKind(String)
    /// `metadata.name` or `metadata.namespace` is missing.
    case missingMetadata(String)
    /// A selector operator Kubernetes does not define.
    case unknownOperator(String)
    /// `In`/`NotIn` without values, or `Exists`/`DoesNotExist` with values.
    case badRequirementValues(key: String, operator: String)
    /// A `policyTypes` entry other than Ingress and Egress.
    case unknownPolicyType(String)
    /// A peer with no field, or `ipBlock` combined with a selector.
    case badPeer(String)
    /// An `ipBlock` CIDR (or exception) that does not parse.
    case badCIDR(String)
    /// An `except` CIDR outside its block.
    case exceptOutsideBlock(cidr: String, except: String)
    /// A protocol other than TCP, UDP and SCTP.
    case unknownProtocol(String)
    /// A port number out of 1–65535, an empty name, or `endPort` below `port`.
    case badPort(String)
    /// `endPort` without a numeric `port`.
    case endPortWithoutPort
    /// The text is not JSON.
    case malformedJSON(String)
  }

  /// What was wrong.
  public var code: Code

  /// Creates an error.
  public init(_ code: Code) { self.code = code }

  /// A sentence naming the problem.
  public var description: String {
    switch code {
    case .notAnObject: "the value is not a Kubernetes object"
    case .wrongKind(let kind): "the object is a \(kind), not a NetworkPolicy"
    case .missingMetadata(let field): "the NetworkPolicy has no metadata.\(field)"
    case .unknownOperator(let name): "unknown selector operator \(name)"
    case .badRequirementValues(let key, let name):
      name == "In" || name == "NotIn"
        ? "selector requirement \(key) \(name) needs values"
        : "selector requirement \(key) \(name) must not have values"
    case .unknownPolicyType(let name): "unknown policyType \(name)"
    case .badPeer(let detail): "bad peer: \(detail)"
    case .badCIDR(let text): "bad CIDR \(text)"
    case .exceptOutsideBlock(let cidr, let except): "except \(except) is outside \(cidr)"
    case .unknownProtocol(let name): "unknown protocol \(name)"
    case .badPort(let detail): "bad port: \(detail)"
    case .endPortWithoutPort: "endPort needs a numeric port"
    case .malformedJSON(let detail): "not JSON: \(detail)"
    }
  }
}
