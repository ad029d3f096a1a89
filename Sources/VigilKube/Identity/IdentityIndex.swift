import VigilCore

/// Time-aware IP → holder: every address with the intervals during which pods, Services and
/// nodes held it, so that `resolve(ip:at:)` names the holder at that time even after the address
/// has been reused. Addresses nobody held are classified by range.
///
/// Intervals of one address never overlap and are chained newest first (`previous`), so a lookup
/// is one hash of two integers plus a short walk back in time; no strings are touched until a
/// holder is found.
public struct IdentityIndex: Sendable {
  /// One span of time during which a holder held an address.
  struct Interval: Sendable {
    /// Nanoseconds since the epoch, inclusive.
    var start: Int64
    /// Nanoseconds since the epoch, exclusive; `Int64.max` while still held.
    var end: Int64
    /// Index into `holders`.
    var holder: Int32
    /// The previous interval of the same address, -1 for none.
    var previous: Int32
  }

  /// Every holder ever registered (a pod incarnation, a Service address role, a node role).
  var holders: [IdentityHolder] = []
  /// All intervals.
  var intervals: [Interval] = []
  /// The newest interval of each address.
  var latest = AddressTable()
  /// Live holders: their index and the intervals they hold open.
  var live: [IdentityHolder.Key: (holder: Int32, open: [Int32])] = [:]
  /// Node pod CIDRs by node name.
  var nodePodCIDRs: [String: [IPNetwork]] = [:]
  /// The flattened `nodePodCIDRs`, with the node name.
  var podCIDRList: [(network: IPNetwork, node: String)] = []
  /// Every address a node ever held → index into `nodeNames`.
  var nodeAddresses = AddressTable()
  /// Names of nodes that held addresses.
  var nodeNames: [String] = []
  /// Positions in `nodeNames`.
  var nodeNumbers: [String: Int32] = [:]
  /// The smallest block holding every ClusterIP seen, per family (IPv4, IPv6).
  var seenServiceBlock: (v4: IPNetwork?, v6: IPNetwork?) = (nil, nil)

  /// The cluster's pod CIDRs, when configured.
  public var clusterCIDRs: [IPNetwork]
  /// The cluster's service CIDRs, when configured (else inferred from ClusterIPs).
  public var serviceCIDRs: [IPNetwork]

  /// Creates an empty index with optional configured ranges.
  public init(clusterCIDRs: [IPNetwork] = [], serviceCIDRs: [IPNetwork] = []) {
    self.clusterCIDRs = clusterCIDRs
    self.serviceCIDRs = serviceCIDRs
  }

  /// Number of addresses ever held.
  public var addressCount: Int { latest.count }

  /// Number of holders still holding addresses.
  public var liveHolderCount: Int { live.count }

  /// Sets the addresses `holder` holds as of `now`: addresses it no longer holds are released at
  /// `now`. A holder seen for the first time holds its addresses from `since` (e.g. the pod's
  /// creation, so a startup list covers the time before it; `now` when nil); one already holding
  /// addresses gets new ones from `now`. Never before the address's previous holder had it: a
  /// holder that still had the address is taken to have given it up when the new one got it.
  public mutating func hold(
    _ holder: IdentityHolder, addresses: [IPAddress], since: Timestamp?, at now: Timestamp
  ) {
    let key = holder.key
    if addresses.isEmpty {
      release(key, at: now)
      return
    }
    var entry: (holder: Int32, open: [Int32])
    let first = min(live[key] == nil ? since ?? now : now, now).nanoseconds
    if let existing = live[key] {
      entry = existing
      holders[Int(entry.holder)] = holder
    } else {
      entry = (Int32(holders.count), [])
      holders.append(holder)
    }
    // Release the addresses no longer held.
    var kept: [Int32] = []
    for i in entry.open {
      let address = addressOf(interval: i)
      if addresses.contains(address) {
        kept.append(i)
      } else {
        close(i, at: now.nanoseconds)
      }
    }
    entry.open = kept
    let heldAlready = Set(kept.map { addressOf(interval: $0) })
    for address in addresses where !heldAlready.contains(address) {
      var start = first
      let previous = latest[address] ?? -1
      if previous >= 0 {
        let before = intervals[Int(previous)]
        if before.end == .max {
          // Still held by another: it gave the address up when this holder got it.
          start = max(start, before.start)
          close(previous, at: start)
          removeOpen(previous, holder: before.holder)
        } else {
          start = max(start, before.end)
        }
      }
      let index = Int32(intervals.count)
      intervals.append(Interval(start: start, end: .max, holder: entry.holder, previous: previous))
      addressByInterval.append(address)
      latest.set(address, index)
      entry.open.append(index)
      if holder.addressClass == .node { noteNodeAddress(address, node: holder.name) }
      if holder.addressClass == .service { noteClusterIP(address) }
    }
    live[key] = entry
  }

  /// Releases every address `key`'s holder holds, at `now`.
  mutating func release(_ key: IdentityHolder.Key, at now: Timestamp) {
    guard let entry = live.removeValue(forKey: key) else { return }
    for i in entry.open { close(i, at: now.nanoseconds) }
  }

  /// Releases every address of the holder with this class, namespace, name and uid.
  public mutating func release(
    _ addressClass: AddressClass, namespace: String, name: String, uid: String = "",
    at now: Timestamp
  ) {
    release(
      IdentityHolder.Key(addressClass: addressClass, namespace: namespace, name: name, uid: uid),
      at: now)
  }

  /// Replaces the live holder's description (e.g. its workload became known), keeping its
  /// intervals.
  mutating func update(_ key: IdentityHolder.Key, _ body: (inout IdentityHolder) -> Void) {
    guard let entry = live[key] else { return }
    body(&holders[Int(entry.holder)])
  }

  /// Sets the pod CIDRs of node `name` (empty to forget them).
  public mutating func setPodCIDRs(_ networks: [IPNetwork], node name: String) {
    if networks.isEmpty {
      nodePodCIDRs.removeValue(forKey: name)
    } else {
      nodePodCIDRs[name] = networks
    }
    podCIDRList = nodePodCIDRs.sorted { $0.key < $1.key }.flatMap { node in
      node.value.map { (network: $0, node: node.key) }
    }
  }

  /// The address each interval belongs to (parallel to `intervals`).
  var addressByInterval: [IPAddress] = []

  func addressOf(interval i: Int32) -> IPAddress { addressByInterval[Int(i)] }

  mutating func close(_ i: Int32, at end: Int64) {
    let start = intervals[Int(i)].start
    if intervals[Int(i)].end > end { intervals[Int(i)].end = max(start, end) }
  }

  /// Drops interval `i` from its holder's open list (its address went to another holder).
  mutating func removeOpen(_ i: Int32, holder: Int32) {
    let holder = holders[Int(holder)]
    guard var entry = live[holder.key] else { return }
    entry.open.removeAll { $0 == i }
    live[holder.key] = entry
  }

  mutating func noteNodeAddress(_ address: IPAddress, node: String) {
    if let i = nodeAddresses[address], nodeNames[Int(i)] == node { return }
    let i = nodeNumbers[node] ?? Int32(nodeNames.count)
    if i == nodeNames.count {
      nodeNames.append(node)
      nodeNumbers[node] = i
    }
    nodeAddresses.set(address, i)
  }

  mutating func noteClusterIP(_ address: IPAddress) {
    if address.isIPv4 {
      seenServiceBlock.v4 = Self.widen(seenServiceBlock.v4, address)
    } else {
      seenServiceBlock.v6 = Self.widen(seenServiceBlock.v6, address)
    }
  }

  static func widen(_ block: IPNetwork?, _ address: IPAddress) -> IPNetwork? {
    guard let block else {
      return IPNetwork(address: address, prefixLength: address.isIPv4 ? 32 : 128)
    }
    return IPNetwork.commonBlock(block.address, address).map {
      IPNetwork(address: $0.address, prefixLength: min($0.prefixLength, block.prefixLength)) ?? $0
    }
  }
}
