import VigilKube
import VigilNet

/// Recognizes sensitive services the resolver did not mark, from what a flow shows: the
/// destination port (5432 postgres, 6379 redis, 8200 vault, 9000 minio …) or a workload or
/// Service name with a product's name as one of its words (`orders-postgres`, `redis-cache`).
/// Flows carry no labels; labels and images are the resolver's part (`EndpointMarks`).
public struct SensitiveServiceHeuristic: Sendable {
  /// Products by well-known port.
  public var ports: [UInt16: String]
  /// Products by a word of a workload or Service name (lower-case).
  public var nameWords: [String: String]

  /// Creates a heuristic.
  public init(ports: [UInt16: String], nameWords: [String: String]) {
    self.ports = ports
    self.nameWords = nameWords
  }

  /// The ports and image names of VigilKube's `SensitiveProduct.standard`, plus MinIO's 9000.
  public static let standard: SensitiveServiceHeuristic = {
    var ports: [UInt16: String] = [9000: "minio"]
    var words: [String: String] = [:]
    for product in SensitiveProduct.standard {
      for port in product.ports {
        if let port = UInt16(exactly: port), ports[port] == nil { ports[port] = product.name }
      }
      for name in product.imageNames + [product.name] where words[name] == nil {
        words[name] = product.name
      }
    }
    return SensitiveServiceHeuristic(ports: ports, nameWords: words)
  }()

  /// Sensitivity from the port alone.
  @inline(__always)
  public func sensitivity(port: UInt16) -> EndpointMarks.Sensitivity? {
    guard let product = ports[port] else { return nil }
    return .init(level: .high, product: product, reason: "\(product) (port \(port))")
  }

  /// Sensitivity from the end's workload or Service name.
  public func sensitivity(name endpoint: NetworkEndpoint) -> EndpointMarks.Sensitivity? {
    for text in [endpoint.name, endpoint.service].compactMap({ $0 }) {
      for word in text.lowercased().split(whereSeparator: { "-_.".contains($0) }) {
        if let product = nameWords[String(word)] {
          return .init(level: .high, product: product, reason: "\(product) (name \(text))")
        }
      }
    }
    return nil
  }
}
