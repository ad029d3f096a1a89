import VigilKube

extension ZoneClassifier {
  /// Creates a classifier over the inventory's namespaces and their labels.
  public init(inventory: Inventory, configuration: Configuration = .init()) {
    self.init(
      namespaceLabels: inventory.namespaces.mapValues(\.metadata.labels),
      configuration: configuration)
  }
}
