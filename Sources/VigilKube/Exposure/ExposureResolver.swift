/// How the exposure model asks the rest of the cluster model about what sits behind a Service
/// or a pod. Every closure is optional: without one, the model uses the pods it was given itself
/// (selector matching over their labels) and a pod's controller owner as its workload.
public struct ExposureResolver: Sendable {
  /// The workloads a Service selector in a namespace selects.
  public var workloads:
    (@Sendable (_ namespace: String, _ selector: [String: String]) -> [WorkloadReference])?
  /// The containers (images, ports) of the pods a selector in a namespace selects.
  public var containers:
    (
      @Sendable (_ namespace: String, _ selector: [String: String]) -> [SensitivityClassifier
        .Container]
    )?
  /// The workload that owns a pod, given the pod and its direct controller (from `ownerReferences`).
  public var podWorkload:
    (@Sendable (_ pod: ObjectKey, _ owner: WorkloadReference?) -> WorkloadReference?)?

  /// Creates a resolver; leave a closure nil to use the model's own knowledge.
  public init(
    workloads: (@Sendable (String, [String: String]) -> [WorkloadReference])? = nil,
    containers: (@Sendable (String, [String: String]) -> [SensitivityClassifier.Container])? = nil,
    podWorkload: (@Sendable (ObjectKey, WorkloadReference?) -> WorkloadReference?)? = nil
  ) {
    self.workloads = workloads
    self.containers = containers
    self.podWorkload = podWorkload
  }
}
