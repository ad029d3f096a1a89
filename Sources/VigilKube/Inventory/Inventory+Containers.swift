/// Container ID → pod and container, from pod status.
extension Inventory {
  /// One container in the index: its pod and its position in the pod's `containers`.
  struct ContainerRef: Sendable, Hashable {
    var pod: ObjectKey
    var index: Int32
  }

  /// The containers whose IDs share a 12-character prefix (almost always one).
  enum ContainerSlot: Sendable {
    case one(ContainerRef)
    case many([ContainerRef])

    var refs: [ContainerRef] {
      switch self {
      case .one(let ref): [ref]
      case .many(let refs): refs
      }
    }
  }

  /// The container with this ID: full (`containerd://…` or bare, any case) or a prefix of at
  /// least 12 characters; nil when unknown or when a prefix matches more than one container.
  public func container(id text: String) -> ContainerLocation? {
    let id = ContainerLocation.split(text).id.lowercased()
    guard let key = Self.prefixKey(id) else { return nil }
    var found: ContainerLocation?
    for ref in containersByPrefix[key]?.refs ?? [] {
      guard let pod = pods[ref.pod], Int(ref.index) < pod.containers.count else { continue }
      let container = pod.containers[Int(ref.index)]
      let (runtime, full) = ContainerLocation.split(container.containerID)
      guard full.lowercased().hasPrefix(id) else { continue }
      if found != nil { return nil }
      found = ContainerLocation(
        containerID: full, runtime: runtime, namespace: pod.namespace, podName: pod.name,
        podUID: pod.uid, containerName: container.name)
    }
    return found
  }

  /// The index key of an ID's first 12 characters: their value as hex, or (for IDs that are not
  /// hex) an FNV-1a hash of them with the top bit set; nil for IDs shorter than 12.
  static func prefixKey(_ id: String) -> UInt64? {
    var hex: UInt64 = 0
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var isHex = true
    var n = 0
    for c in id.utf8 {
      if n == ContainerLocation.shortIDLength { break }
      let lower = c | 0x20
      switch lower {
      case 0x30...0x39: hex = hex << 4 | UInt64(lower - 0x30)
      case 0x61...0x66: hex = hex << 4 | UInt64(lower - 0x61 + 10)
      default: isHex = false
      }
      hash = (hash ^ UInt64(lower)) &* 0x100_0000_01B3
      n += 1
    }
    guard n == ContainerLocation.shortIDLength else { return nil }
    return isHex ? hex : hash | 1 << 63
  }

  mutating func indexContainers(of pod: PodRecord, key: ObjectKey) {
    for (i, container) in pod.containers.enumerated() where !container.containerID.isEmpty {
      guard let prefix = Self.prefixKey(ContainerLocation.split(container.containerID).id) else {
        continue
      }
      let ref = ContainerRef(pod: key, index: Int32(i))
      switch containersByPrefix[prefix] {
      case nil: containersByPrefix[prefix] = .one(ref)
      case .one(let other): containersByPrefix[prefix] = .many([other, ref])
      case .many(let others): containersByPrefix[prefix] = .many(others + [ref])
      }
    }
  }

  mutating func unindexContainers(of pod: PodRecord) {
    let key = ObjectKey(kind: "Pod", namespace: pod.namespace, name: pod.name)
    for container in pod.containers where !container.containerID.isEmpty {
      guard let prefix = Self.prefixKey(ContainerLocation.split(container.containerID).id),
        let slot = containersByPrefix[prefix]
      else { continue }
      let rest = slot.refs.filter { $0.pod != key }
      switch rest.count {
      case 0: containersByPrefix.removeValue(forKey: prefix)
      case 1: containersByPrefix[prefix] = .one(rest[0])
      default: containersByPrefix[prefix] = .many(rest)
      }
    }
  }
}
