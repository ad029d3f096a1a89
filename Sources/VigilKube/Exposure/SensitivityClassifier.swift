/// Recognizes sensitive services — databases, caches, secret stores, object stores, cloud metadata
/// endpoints, and ones their owners declared — from a Service's ports, names, labels and
/// annotations and, when the caller knows them, the images and ports of the containers behind it.
///
/// Owners decide first: `vigil.io/sensitive: "false"` (label or annotation) opts out,
/// `vigil.io/sensitive: "true"` or `vigil.io/sensitivity: high` declares it, and
/// `vigil.io/sensitivity: low` records it without raising severity.
public struct SensitivityClassifier: Sendable {
  /// What is known about one thing that might be sensitive.
  public struct Subject: Sendable, Hashable {
    /// The Service's (or pod's) name.
    public var name: String
    /// Its labels.
    public var labels: [String: String]
    /// Its annotations.
    public var annotations: [String: String]
    /// Its own ports: number, target port (a number or a name) and port name.
    public var ports: [Exposure.Port]
    /// Addresses it leads to (`externalName`, external IPs).
    public var addresses: [String]
    /// The containers behind it, when known.
    public var containers: [Container]

    /// Creates a subject.
    public init(
      name: String, labels: [String: String] = [:], annotations: [String: String] = [:],
      ports: [Exposure.Port] = [], addresses: [String] = [], containers: [Container] = []
    ) {
      self.name = name
      self.labels = labels
      self.annotations = annotations
      self.ports = ports
      self.addresses = addresses
      self.containers = containers
    }
  }

  /// One container behind a Service: its image and the ports it declares.
  public struct Container: Sendable, Hashable {
    /// The image reference as written in the pod spec.
    public var image: String
    /// Its declared container ports.
    public var ports: [Int]

    /// Creates a container description.
    public init(image: String, ports: [Int] = []) {
      self.image = image
      self.ports = ports
    }
  }

  /// The label and annotation that declare a service sensitive (`"true"`) or not (`"false"`).
  public static let sensitiveKey = "vigil.io/sensitive"
  /// The label and annotation that set the level (`high`, `low`).
  public static let levelKey = "vigil.io/sensitivity"
  /// Cloud instance-metadata endpoints (AWS, GCP, Azure, AWS IPv6, ECS task metadata).
  public static let metadataAddresses: Set<String> = [
    "169.254.169.254", "fd00:ec2::254", "metadata.google.internal", "169.254.170.2",
  ]

  /// The products recognized.
  public var products: [SensitiveProduct]

  /// Creates a classifier over `products`.
  public init(products: [SensitiveProduct] = SensitiveProduct.standard) {
    self.products = products
  }

  /// How sensitive `subject` is, or nil when nothing marks it (or its owners opted out).
  public func classify(_ subject: Subject) -> Sensitivity? {
    let declared = Self.declaration(subject)
    if declared == .optOut { return nil }
    var found: [(product: String, reason: String)] = []
    if declared == .high {
      found.append(("declared", "declared sensitive (\(Self.sensitiveKey))"))
    }
    for address in subject.addresses where Self.metadataAddresses.contains(address.lowercased()) {
      found.append(("cloud metadata", "cloud metadata (\(address))"))
    }
    found += recognizeByPort(subject)
    var seenImages: Set<String> = []
    for container in subject.containers where seenImages.insert(container.image).inserted {
      let repository = SensitiveProduct.repositoryName(container.image)
      let strengths = products.map { $0.matchStrength(repositoryName: repository) }
      guard let best = strengths.max(), best > 0 else { continue }
      for (product, strength) in zip(products, strengths) where strength == best {
        found.append((product.name, "\(product.name) (image \(container.image))"))
      }
    }
    found += recognizeByName(subject)
    var reasons: [String] = []
    for item in found where !reasons.contains(item.reason) { reasons.append(item.reason) }
    if declared == .low {
      return Sensitivity(
        level: .low, product: found.first?.product ?? "declared",
        reasons: ["declared low sensitivity (\(Self.levelKey))"] + reasons)
    }
    guard let first = found.first else { return nil }
    return Sensitivity(level: .high, product: first.product, reasons: reasons)
  }

  /// Products whose well-known port the Service, its targets or its containers use.
  private func recognizeByPort(_ subject: Subject) -> [(product: String, reason: String)] {
    var numbers: [Int] = []
    for port in subject.ports {
      numbers.append(port.port)
      if let target = port.targetPort.flatMap({ Int($0) }) { numbers.append(target) }
    }
    for container in subject.containers { numbers += container.ports }
    var out: [(product: String, reason: String)] = []
    var seen: Set<Int> = []
    for number in numbers where seen.insert(number).inserted {
      for product in products where product.ports.contains(number) {
        out.append((product.name, "\(product.name) (port \(number))"))
      }
    }
    return out
  }

  /// Products named by the Service's name, its port names, or its `app` labels.
  private func recognizeByName(_ subject: Subject) -> [(product: String, reason: String)] {
    var names: [(text: String, what: String)] = [(subject.name, "name")]
    for port in subject.ports { if let name = port.name { names.append((name, "port name")) } }
    for key in ["app", "app.kubernetes.io/name", "app.kubernetes.io/component"] {
      if let value = subject.labels[key] { names.append((value, "label \(key)")) }
    }
    var out: [(product: String, reason: String)] = []
    for (text, what) in names {
      let tokens = Set(
        text.lowercased().split { $0 == "-" || $0 == "_" || $0 == "." }.map(String.init))
      for product in products
      where tokens.contains(product.name) || !tokens.isDisjoint(with: product.imageNames) {
        out.append((product.name, "\(product.name) (\(what) \(text))"))
      }
    }
    return out
  }

  /// What the owners declared.
  enum Declaration { case none, optOut, high, low }

  /// Reads `vigil.io/sensitive` and `vigil.io/sensitivity` from annotations, then labels.
  static func declaration(_ subject: Subject) -> Declaration {
    for source in [subject.annotations, subject.labels] {
      switch source[sensitiveKey]?.lowercased() {
      case "false", "no", "0": return .optOut
      case "true", "yes", "1": return .high
      default: break
      }
      switch source[levelKey]?.lowercased() {
      case "high", "critical": return .high
      case "low": return .low
      case "none": return .optOut
      default: break
      }
    }
    return .none
  }
}
