/// One list item the inventory could not read, by its position in the list.
public struct InventoryItemDiagnostic: Sendable, Hashable, CustomStringConvertible {
  /// The item's 0-based index in `items`.
  public var index: Int
  /// The item's kind, when it had one.
  public var kind: String
  /// The item's `namespace/name`, when it had one.
  public var name: String
  /// What was wrong.
  public var error: InventoryError

  /// Creates a diagnostic.
  public init(index: Int, kind: String, name: String, error: InventoryError) {
    self.index = index
    self.kind = kind
    self.name = name
    self.error = error
  }

  /// `items[3] (Pod default/x): no metadata.name`.
  public var description: String {
    let label = [kind, name].filter { !$0.isEmpty }.joined(separator: " ")
    return "items[\(index)]\(label.isEmpty ? "" : " (\(label))"): \(error)"
  }
}

/// What an import read: objects per kind, kinds it does not keep, and items it skipped.
public struct InventoryImportSummary: Sendable, Hashable {
  /// Objects applied, per kind.
  public var counts: [InventoryKind: Int] = [:]
  /// Items of kinds the inventory does not keep (ConfigMap, Secret …), per kind.
  public var ignored: [String: Int] = [:]
  /// Items skipped because they could not be read.
  public var diagnostics: [InventoryItemDiagnostic] = []

  /// Creates an empty summary.
  public init() {}

  /// Objects applied in all.
  public var total: Int { counts.values.reduce(0, +) }
}
