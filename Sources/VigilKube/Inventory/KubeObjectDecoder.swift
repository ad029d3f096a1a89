import VigilCore
import VigilJSON

/// Reads compact records from Kubernetes object JSON, interning repeated strings.
struct KubeObjectDecoder: Sendable {
  /// The table every kept string goes through.
  var strings = StringTable()

  /// The object's kind from `kind`, else `fallback`.
  func kind(of object: JSONValue, fallback: InventoryKind?) throws(InventoryError) -> InventoryKind
  {
    guard object.kind == .object else { throw InventoryError(.notAnObject) }
    guard let text = object["kind"]?.string, !text.isEmpty else {
      if let fallback { return fallback }
      throw InventoryError(.missingKind)
    }
    guard let kind = InventoryKind(rawValue: text) else {
      throw InventoryError(.unsupportedKind, text)
    }
    return kind
  }

  /// A string field, interned unless `unique` (uids, pod names: never shared, so interning
  /// them would only fill the table); empty when absent, an error when not a string.
  mutating func string(_ value: JSONValue?, _ field: String, unique: Bool = false)
    throws(InventoryError) -> String
  {
    guard let value, !value.isNull else { return "" }
    guard let text = value.string else { throw InventoryError(.wrongType, field) }
    return unique ? text : strings.intern(text)
  }

  /// An integer field; 0 when absent.
  func int32(_ value: JSONValue?, _ field: String) throws(InventoryError) -> Int32 {
    guard let value, !value.isNull else { return 0 }
    guard let number = value.int, let small = Int32(exactly: number) else {
      throw InventoryError(.wrongType, field)
    }
    return small
  }

  /// An RFC 3339 time field; nil when absent or unreadable.
  func timestamp(_ value: JSONValue?) -> Timestamp? {
    value?.withStringUTF8 { Timestamp(rfc3339Bytes: $0) } ?? nil
  }

  /// An IP address string; nil when absent or not an address.
  func address(_ value: JSONValue?) -> IPAddress? {
    value?.withStringUTF8 { IPAddress(utf8: $0) } ?? nil
  }

  /// The addresses of a string array (unparseable entries skipped), else of `single`.
  func addresses(_ list: JSONValue?, single: JSONValue? = nil) -> [IPAddress] {
    var out: [IPAddress] = []
    list?.forEachElement { element in
      if let ip = address(element) ?? address(element["ip"]), !out.contains(ip) { out.append(ip) }
    }
    if out.isEmpty, let ip = address(single) { out.append(ip) }
    return out
  }

  /// A string map (labels, selector, annotations) as sorted pairs, keeping keys `keep` accepts
  /// and values of at most `maxValueLength` UTF-8 bytes.
  mutating func labels(
    _ value: JSONValue?, _ field: String, maxValueLength: Int = .max,
    keep: (String) -> Bool = { _ in true }
  ) throws(InventoryError) -> Labels {
    guard let value, !value.isNull else { return .empty }
    guard value.kind == .object else { throw InventoryError(.wrongType, field) }
    var pairs: [Labels.Pair] = []
    pairs.reserveCapacity(value.count)
    for (key, item) in value.members {
      guard keep(key) else { continue }
      guard let text = item.string else { throw InventoryError(.wrongType, "\(field).\(key)") }
      guard text.utf8.count <= maxValueLength else { continue }
      pairs.append(Labels.Pair(key: strings.intern(key), value: strings.intern(text)))
    }
    pairs.sort { $0.key < $1.key }
    return Labels(sortedPairs: pairs)
  }

  /// `metadata` of an object; `uniqueName` for kinds whose names nothing else repeats (pods).
  mutating func metadata(_ object: JSONValue, namespaced: Bool, uniqueName: Bool = false)
    throws(InventoryError) -> ObjectMetadata
  {
    guard let meta = object["metadata"], meta.kind == .object else {
      throw InventoryError(.missingName, "no metadata")
    }
    let name = try string(meta["name"], "metadata.name", unique: uniqueName)
    guard !name.isEmpty else { throw InventoryError(.missingName) }
    let namespace = namespaced ? try string(meta["namespace"], "metadata.namespace") : ""
    if namespaced, namespace.isEmpty { throw InventoryError(.missingNamespace, name) }
    var owners: [OwnerReference] = []
    if let list = meta["ownerReferences"] {
      for entry in list.elements {
        owners.append(
          OwnerReference(
            kind: try string(entry["kind"], "ownerReferences.kind"),
            name: try string(entry["name"], "ownerReferences.name"),
            uid: try string(entry["uid"], "ownerReferences.uid"),
            isController: entry["controller"]?.bool ?? false))
      }
    }
    return ObjectMetadata(
      namespace: namespace, name: name, uid: try string(meta["uid"], "metadata.uid", unique: true),
      labels: try labels(meta["labels"], "metadata.labels"), ownerReferences: owners,
      created: timestamp(meta["creationTimestamp"]),
      deleting: timestamp(meta["deletionTimestamp"]))
  }
}
