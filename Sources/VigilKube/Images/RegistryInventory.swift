import VigilCore

/// Every image and registry seen, cluster-wide and per namespace, with first-seen times; reports
/// the first use of a registry in the cluster and in each namespace.
public struct RegistryInventory: Sendable {
  /// What is known about one image or registry.
  public struct Sighting: Sendable, Hashable {
    /// First seen anywhere.
    public var firstSeen: Timestamp
    /// First seen in each namespace.
    public var namespaces: [String: Timestamp]
  }

  /// Images by normalized reference (implicit `latest` written out).
  public private(set) var images: [ImageReference: Sighting] = [:]
  /// Registries by host and port.
  public private(set) var registries: [String: Sighting] = [:]
  /// The classifier used for events.
  public var classifier: RegistryClassifier

  /// An empty inventory.
  public init(classifier: RegistryClassifier = .standard) {
    self.classifier = classifier
  }

  /// Records `image` running in `namespace` at `time`, returning the first-use events it causes
  /// (none when `announce` is false, for seeding from what already runs).
  @discardableResult
  public mutating func record(
    _ image: ImageReference, namespace: String, workload: WorkloadReference? = nil,
    at time: Timestamp,
    announce: Bool = true
  ) -> [RegistryEvent] {
    Self.note(&images[image.normalized], namespace: namespace, at: time)
    let (newInCluster, newInNamespace) = Self.note(
      &registries[image.registry], namespace: namespace, at: time)
    guard announce, newInNamespace else { return [] }
    let kind: RegistryEvent.Kind = newInCluster ? .firstInCluster : .firstInNamespace
    return [
      RegistryEvent(
        kind: kind, registry: image.registry, registryClass: classifier.classify(image.registry),
        image: image,
        namespace: namespace, workload: workload, time: time)
    ]
  }

  /// Parses `text` and records it (see `record(_:namespace:workload:at:announce:)`).
  @discardableResult
  public mutating func record(
    imageText text: String, namespace: String, workload: WorkloadReference? = nil,
    at time: Timestamp,
    announce: Bool = true
  ) throws(ImageReferenceError) -> [RegistryEvent] {
    let image = try ImageReference.parse(text)
    return record(image, namespace: namespace, workload: workload, at: time, announce: announce)
  }

  /// Registries seen in `namespace`, sorted.
  public func registries(in namespace: String) -> [String] {
    registries.filter { $0.value.namespaces[namespace] != nil }.map(\.key).sorted()
  }

  /// Updates a sighting; returns whether it was new in the cluster and new in the namespace.
  /// Out-of-order times move first-seen earlier.
  @discardableResult
  private static func note(_ sighting: inout Sighting?, namespace: String, at time: Timestamp) -> (
    Bool, Bool
  ) {
    guard var current = sighting else {
      sighting = Sighting(firstSeen: time, namespaces: [namespace: time])
      return (true, true)
    }
    current.firstSeen = min(current.firstSeen, time)
    let newInNamespace = current.namespaces[namespace] == nil
    current.namespaces[namespace] = min(current.namespaces[namespace] ?? time, time)
    sighting = current
    return (false, newInNamespace)
  }
}
