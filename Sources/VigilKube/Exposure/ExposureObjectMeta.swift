import VigilJSON

/// The parts of a Kubernetes object's `metadata` (and `kind`) the exposure model reads.
struct ExposureObjectMeta: Sendable, Hashable {
  /// The object's key.
  var key: ObjectKey
  /// `metadata.labels`.
  var labels: [String: String]
  /// `metadata.annotations`.
  var annotations: [String: String]
  /// The manager of the first `managedFields` entry: who created the object.
  var manager: String?

  /// Reads `kind` (else `defaultKind`: list items carry none) and `metadata`; throws when the
  /// object has no kind or name.
  init(_ object: JSONValue, defaultKind: String? = nil) throws(ExposureDecodeError) {
    guard object.kind == .object else { throw ExposureDecodeError(.notAnObject) }
    guard let kind = object["kind"]?.string ?? defaultKind, !kind.isEmpty else {
      throw ExposureDecodeError(.missingKind)
    }
    let metadata = object["metadata"]
    guard let name = metadata?["name"]?.string, !name.isEmpty else {
      throw ExposureDecodeError(.missingName(kind: kind))
    }
    key = ObjectKey(kind: kind, namespace: metadata?["namespace"]?.string ?? "", name: name)
    labels = Self.stringMap(metadata?["labels"])
    annotations = Self.stringMap(metadata?["annotations"])
    manager = metadata?["managedFields"]?[0]?["manager"]?.string
  }

  /// An object of strings as a dictionary (non-strings skipped).
  static func stringMap(_ value: JSONValue?) -> [String: String] {
    var out: [String: String] = [:]
    value?.forEachMember { key, value in
      if let text = value.string { out[key] = text }
    }
    return out
  }

  /// An `IntOrString` field (`targetPort`, `port.name`/`port.number`) as text.
  static func intOrString(_ value: JSONValue?) -> String? {
    guard let value else { return nil }
    if let int = value.int { return String(int) }
    return value.string
  }

  /// `status.loadBalancer.ingress[]` IPs and hostnames.
  static func loadBalancerAddresses(_ object: JSONValue) -> [String] {
    var out: [String] = []
    object.value(atPath: "status", "loadBalancer", "ingress")?.forEachElement { entry in
      if let ip = entry["ip"]?.string { out.append(ip) }
      if let hostname = entry["hostname"]?.string { out.append(hostname) }
    }
    return out
  }
}
