/// How a pod's workload was found.
public enum WorkloadConfidence: String, Sendable, Hashable, CaseIterable {
  /// Every link of the owner chain was seen (or the pod has no owner).
  case observed
  /// The last link comes from an owner reference whose object has not been seen.
  case ownerReference = "owner-reference"
  /// Derived from a naming convention: a ReplicaSet name minus its pod-template hash, a Job name
  /// minus its schedule suffix.
  case inferred
}

/// A pod's workload with how it was found and the labels that go with it.
public struct WorkloadResolution: Sendable, Hashable, CustomStringConvertible {
  /// The workload (`Deployment payments/api`, or `Pod payments/debug` for a bare pod).
  public var workload: WorkloadReference
  /// How it was found.
  public var confidence: WorkloadConfidence
  /// The owner chain from the pod's direct owner up (`ReplicaSet api-7d9f`, `Deployment api`).
  public var chain: [ObjectKey]
  /// The workload's labels when it was seen, else the pod's.
  public var labels: Labels

  /// Creates a resolution.
  public init(
    workload: WorkloadReference, confidence: WorkloadConfidence, chain: [ObjectKey] = [],
    labels: Labels = .empty
  ) {
    self.workload = workload
    self.confidence = confidence
    self.chain = chain
    self.labels = labels
  }

  /// `Deployment payments/api (observed)`.
  public var description: String { "\(workload) (\(confidence.rawValue))" }
}
