import VigilCore
import VigilJSON

/// Bulk loads: relists and `kubectl get -A -o json` output.
extension Inventory {
  /// Applies a relist of `kind`: every object in `objects` is added or modified at `time`, and
  /// every object of that kind the inventory held but the list lacks is deleted at `time`.
  /// Returns the items that could not be read (those are skipped).
  @discardableResult
  public mutating func replaceAll(kind: InventoryKind, objects: [JSONValue], at time: Timestamp)
    -> [InventoryItemDiagnostic]
  {
    let wasDeferred = refreshDeferred
    refreshDeferred = true
    var seen = Set<ObjectKey>()
    var diagnostics: [InventoryItemDiagnostic] = []
    for (index, object) in objects.enumerated() {
      do throws(InventoryError) {
        let applied = try apply(.modified, object: object, kind: kind, at: time)
        guard applied == kind else { continue }
        seen.insert(Self.key(of: object, kind: kind))
      } catch {
        diagnostics.append(Self.diagnostic(index: index, object: object, kind: kind, error: error))
      }
    }
    for key in keys(of: kind) where !seen.contains(key) {
      remove(key, kind: kind, at: time)
    }
    refreshDeferred = wasDeferred
    if !wasDeferred { refreshAllWorkloads() }
    return diagnostics
  }

  /// Imports a `List` (`kubectl get -A -o json`: mixed kinds) or a typed list (`PodList` …) as
  /// added or modified at `time`. Nothing is deleted (a list names only the kinds asked for).
  /// Items of other kinds are counted as ignored; unreadable items are skipped and reported.
  public mutating func `import`(list: JSONValue, at time: Timestamp) -> InventoryImportSummary {
    var summary = InventoryImportSummary()
    let itemKind = list["kind"]?.string.flatMap { InventoryKind(listKind: $0) }
    guard let items = list["items"], items.kind == .array else {
      summary.diagnostics.append(
        InventoryItemDiagnostic(
          index: 0, kind: list["kind"]?.string ?? "", name: "",
          error: InventoryError(.wrongType, "no items array")))
      return summary
    }
    let wasDeferred = refreshDeferred
    refreshDeferred = true
    var index = 0
    items.forEachElement { item in
      defer { index += 1 }
      do throws(InventoryError) {
        let kind = try apply(.added, object: item, kind: itemKind, at: time)
        summary.counts[kind, default: 0] += 1
      } catch  where error.code == .unsupportedKind {
        summary.ignored[error.detail, default: 0] += 1
      } catch {
        summary.diagnostics.append(
          Self.diagnostic(index: index, object: item, kind: itemKind, error: error))
      }
    }
    refreshDeferred = wasDeferred
    if !wasDeferred { refreshAllWorkloads() }
    return summary
  }

  /// Parses `json` and imports it as a list.
  public mutating func `import`(json: [UInt8], at time: Timestamp) throws(InventoryError)
    -> InventoryImportSummary
  {
    let document: JSONDocument
    do {
      document = try JSONDocument(parsing: json)
    } catch {
      throw InventoryError(.notJSON, error.description)
    }
    return self.import(list: document.root, at: time)
  }

  static func key(of object: JSONValue, kind: InventoryKind) -> ObjectKey {
    let meta = object["metadata"]
    let namespaced = kind != .node && kind != .namespace
    return ObjectKey(
      kind: kind.rawValue, namespace: namespaced ? meta?["namespace"]?.string ?? "" : "",
      name: meta?["name"]?.string ?? "")
  }

  static func diagnostic(
    index: Int, object: JSONValue, kind: InventoryKind?, error: InventoryError
  ) -> InventoryItemDiagnostic {
    let meta = object["metadata"]
    let name = [meta?["namespace"]?.string, meta?["name"]?.string].compactMap { $0 }
      .joined(separator: "/")
    return InventoryItemDiagnostic(
      index: index, kind: object["kind"]?.string ?? kind?.rawValue ?? "", name: name, error: error)
  }

  /// The keys of every object of `kind` held.
  func keys(of kind: InventoryKind) -> [ObjectKey] {
    switch kind {
    case .pod: Array(pods.keys)
    case .service: Array(services.keys)
    case .node: nodes.keys.map { ObjectKey(kind: kind.rawValue, name: $0) }
    case .namespace: namespaces.keys.map { ObjectKey(kind: kind.rawValue, name: $0) }
    case .endpointSlice: Array(endpointSlices.keys)
    case .replicaSet, .deployment, .statefulSet, .daemonSet, .job, .cronJob:
      workloads.keys.filter { $0.kind == kind.rawValue }
    }
  }

  /// Deletes the object `key` of `kind` at `time`.
  mutating func remove(_ key: ObjectKey, kind: InventoryKind, at time: Timestamp) {
    switch kind {
    case .pod: removePod(ObjectMetadata(namespace: key.namespace, name: key.name), at: time)
    case .service: removeService(ObjectMetadata(namespace: key.namespace, name: key.name), at: time)
    case .node: removeNode(key.name, at: time)
    case .namespace: namespaces.removeValue(forKey: key.name)
    case .endpointSlice: endpointSlices.removeValue(forKey: key)
    case .replicaSet, .deployment, .statefulSet, .daemonSet, .job, .cronJob:
      workloads.removeValue(forKey: key)
    }
  }
}
