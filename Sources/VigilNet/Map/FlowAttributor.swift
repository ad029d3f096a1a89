import VigilCore

/// Names both ends of flows through an `EndpointResolving`, at each flow's own start time.
///
/// Answers are cached per address for the span the resolver says they hold, so a busy address
/// costs one dictionary lookup per flow. A flow with an end the inventory does not know yet (an
/// address in a cluster range) waits in a bounded queue (the oldest is dropped when it is full,
/// counted in `droppedPending`) until `retryPending` after the inventory changed, or until it is
/// older than `Configuration.pendingHorizon`, when it is given up: attributed with that end as an
/// unknown pod-CIDR address (counted in `gaveUp`).
public struct FlowAttributor: Sendable {
  /// Limits.
  public struct Configuration: Sendable, Hashable {
    /// Flows held waiting for the inventory.
    public var maxPending: Int
    /// How long a flow waits (after its end) before it is given up.
    public var pendingHorizon: Duration
    /// Addresses whose answers are cached (the cache is emptied when full).
    public var maxCachedAddresses: Int

    /// Creates a configuration.
    public init(
      maxPending: Int = 100_000, pendingHorizon: Duration = .seconds(120),
      maxCachedAddresses: Int = 200_000
    ) {
      self.maxPending = maxPending
      self.pendingHorizon = pendingHorizon
      self.maxCachedAddresses = maxCachedAddresses
    }
  }

  /// One cached answer, and the last DNS-named variant of its end.
  struct CacheEntry {
    var resolution: EndpointResolution
    var lastName: String?
    var named: NetworkEndpoint?
  }

  /// The limits.
  public var configuration: Configuration
  var cache: [String: CacheEntry] = [:]
  /// Waiting flows, oldest first from `pendingHead`.
  var pending: [FlowRecord] = []
  var pendingHead = 0

  /// Flows attributed at once or on a retry.
  public private(set) var attributed = 0
  /// Flows that waited for the inventory and were then resolved.
  public private(set) var resolvedLate = 0
  /// Flows given up waiting (attributed with an unknown pod-CIDR end).
  public private(set) var gaveUp = 0
  /// Flows dropped from a full pending queue.
  public private(set) var droppedPending = 0

  /// Creates an attributor.
  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// Flows waiting for the inventory.
  public var pendingCount: Int { pending.count - pendingHead }

  /// Attributes `flow`, or holds it and returns nil when an end is not known yet.
  public mutating func attribute<R: EndpointResolving>(_ flow: FlowRecord, resolver: R)
    -> AttributedFlow?
  {
    let t = flow.start.nanoseconds
    let source = lookup(flow.sourceIP, at: t, name: nil, resolver: resolver)
    let destination = lookup(flow.destinationIP, at: t, name: flow.dnsName, resolver: resolver)
    if source.pending || destination.pending {
      hold(flow)
      return nil
    }
    attributed &+= 1
    return AttributedFlow(
      flow: flow, source: source.endpoint, destination: destination.endpoint,
      sourceMarks: source.marks, destinationMarks: destination.marks)
  }

  /// Forgets cached answers (call when the inventory changed; `retryPending` does it too).
  public mutating func inventoryChanged() {
    cache.removeAll(keepingCapacity: true)
  }

  /// After the inventory changed: attributes the waiting flows it now knows, gives up those older
  /// than the horizon at `now`, keeps the rest waiting (in order).
  public mutating func retryPending<R: EndpointResolving>(resolver: R, now: Timestamp)
    -> [AttributedFlow]
  {
    inventoryChanged()
    let (seconds, attoseconds) = configuration.pendingHorizon.components
    let horizon = now.nanoseconds &- (seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000)
    return drain(resolver: resolver) { $0.end.nanoseconds < horizon }
  }

  /// At the end of an input: attributes what the inventory knows and gives up the rest.
  public mutating func drainPending<R: EndpointResolving>(resolver: R) -> [AttributedFlow] {
    inventoryChanged()
    return drain(resolver: resolver) { _ in true }
  }

  mutating func drain<R: EndpointResolving>(
    resolver: R, giveUp: (FlowRecord) -> Bool
  ) -> [AttributedFlow] {
    let waiting = pending[pendingHead...]
    pending = []
    pendingHead = 0
    var out: [AttributedFlow] = []
    for flow in waiting {
      let t = flow.start.nanoseconds
      let source = lookup(flow.sourceIP, at: t, name: nil, resolver: resolver)
      let destination = lookup(flow.destinationIP, at: t, name: flow.dnsName, resolver: resolver)
      let stillPending = source.pending || destination.pending
      if stillPending && !giveUp(flow) {
        pending.append(flow)
        continue
      }
      if stillPending { gaveUp &+= 1 } else { resolvedLate &+= 1 }
      attributed &+= 1
      out.append(
        AttributedFlow(
          flow: flow, source: source.endpoint, destination: destination.endpoint,
          sourceMarks: source.marks, destinationMarks: destination.marks, wasPending: true))
    }
    return out
  }

  mutating func hold(_ flow: FlowRecord) {
    if pendingCount >= configuration.maxPending {
      pendingHead += 1
      droppedPending &+= 1
    }
    if pendingHead > 1024 && pendingHead * 2 > pending.count {
      pending.removeFirst(pendingHead)
      pendingHead = 0
    }
    pending.append(flow)
  }

  /// The end `ip` was at `t` (with `name` for an external end), from the cache when it holds.
  @inline(__always)
  mutating func lookup<R: EndpointResolving>(
    _ ip: String, at t: Int64, name: String?, resolver: R
  ) -> (endpoint: NetworkEndpoint, marks: EndpointMarks, pending: Bool) {
    if let entry = cache[ip], entry.resolution.holds(at: t) {
      return finish(entry, ip: ip, name: name)
    }
    let resolution = resolver.resolve(ip: ip, at: Timestamp(nanoseconds: t))
    if cache.count >= configuration.maxCachedAddresses { cache.removeAll(keepingCapacity: true) }
    let entry = CacheEntry(resolution: resolution)
    cache[ip] = entry
    return finish(entry, ip: ip, name: name)
  }

  @inline(__always)
  mutating func finish(_ entry: CacheEntry, ip: String, name: String?) -> (
    endpoint: NetworkEndpoint, marks: EndpointMarks, pending: Bool
  ) {
    let r = entry.resolution
    guard let name, r.endpoint.kind == .external, !r.isUnknownYet else {
      return (r.endpoint, r.marks, r.isUnknownYet)
    }
    if entry.lastName == name, let named = entry.named { return (named, r.marks, false) }
    let named = r.endpoint.named(name)
    cache[ip]?.lastName = name
    cache[ip]?.named = named
    return (named, r.marks, false)
  }
}
