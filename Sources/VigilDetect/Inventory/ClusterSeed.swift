import VigilKube

/// What the cluster looked like before the audit stream starts (an imported snapshot, or the
/// live inventory): the inventory detectors start from it, so the first change to an object that
/// already existed is reported as the change it is, not learned silently.
public struct ClusterSeed: Sendable {
  /// Entry points already open.
  public var exposure: ExposureInventory
  /// Roles and bindings already in force (with Kubernetes' default roles).
  public var rbac: RBACModel
  /// Registries and images already running (no first-use alerts for them).
  public var registries: RegistryInventory
  /// The objects the snapshot held, by kind, namespace and name.
  public var objects: Set<ObjectKey>

  /// Creates a seed.
  public init(
    exposure: ExposureInventory, rbac: RBACModel, registries: RegistryInventory,
    objects: Set<ObjectKey>
  ) {
    self.exposure = exposure
    self.rbac = rbac
    self.registries = registries
    self.objects = objects
  }
}
