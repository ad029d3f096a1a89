import VigilCore

/// Remembers, per client IP, which names resolved to which addresses, so a later flow to an
/// address can be labelled with the name the client asked for.
///
/// Pure state: time is passed in. Memory is bounded by `maxEntries` (name–address bindings,
/// oldest-recorded evicted first) and `maxAddressesPerName` (per client and name, oldest dropped).
public struct DNSCache: Sendable {
  /// Most name–address bindings held across all clients.
  public let maxEntries: Int
  /// Most addresses held for one name of one client.
  public let maxAddressesPerName: Int
  /// Most names held for one address of one client (shared CDN addresses); oldest dropped.
  public static let maxNamesPerAddress = 8
  /// Longest CNAME chain followed in one response.
  public static let maxChainLength = 16

  struct AddressKey: Hashable {
    var client: String
    var address: String
  }

  struct NameKey: Hashable {
    var client: String
    var name: String
  }

  struct BindingKey: Hashable {
    var client: String
    var address: String
    var name: String
  }

  struct Binding {
    var expires: Timestamp
    var sequence: UInt64
  }

  var bindings: [BindingKey: Binding] = [:]
  var namesByAddress: [AddressKey: [String]] = [:]
  var addressesByName: [NameKey: [String]] = [:]
  /// Bindings in recording order; entries whose sequence no longer matches are stale.
  var order: [(key: BindingKey, sequence: UInt64)] = []
  var orderHead = 0
  var nextSequence: UInt64 = 0

  /// The shortest time a binding is kept, whatever the answer's TTL: applications and their
  /// resolvers cache answers past the TTL (CoreDNS answers cluster names with 5 s, dnsmasq its
  /// local records with 0), and a connection opened a minute later still went to that name.
  public let minimumTTL: UInt32

  /// Creates an empty cache.
  public init(maxEntries: Int = 100_000, maxAddressesPerName: Int = 32, minimumTTL: UInt32 = 300) {
    self.maxEntries = max(1, maxEntries)
    self.maxAddressesPerName = max(1, maxAddressesPerName)
    self.minimumTTL = minimumTTL
  }

  /// How many name–address bindings are held (expired ones included until evicted).
  public var count: Int { bindings.count }

  /// Records the A and AAAA answers of a successful response seen by `client`, each under the
  /// name the client asked for (following CNAME chains). Queries and error responses are ignored.
  public mutating func record(response: DNSMessage, client: String, at now: Timestamp) {
    guard response.header.isResponse, response.header.responseCode == 0 else { return }
    var aliases: [String: (target: String, ttl: UInt32)] = [:]
    var addresses: [String: [(address: String, ttl: UInt32)]] = [:]
    for record in response.answers where record.recordClass == 1 {
      let owner = Self.normalized(record.name)
      switch record.data {
      case .cname(let target):
        aliases[owner] = (Self.normalized(target), record.ttl)
      case .a(let address), .aaaa(let address):
        addresses[owner, default: []].append((address, record.ttl))
      }
    }
    for question in response.questions where question.recordClass == 1 {
      let asked = Self.normalized(question.name)
      var name = asked
      var ttl = UInt32.max
      var seen: Set<String> = [name]
      for _ in 0...Self.maxChainLength {
        for (address, recordTTL) in addresses[name] ?? [] {
          bind(
            address: address, name: asked, client: client, ttl: min(ttl, recordTTL), at: now)
        }
        guard let alias = aliases[name], seen.insert(alias.target).inserted else { break }
        ttl = min(ttl, alias.ttl)
        name = alias.target
      }
    }
  }

  /// The name `client` most recently resolved to `destination`, if that answer has not expired.
  public func name(for destination: String, client: String, at now: Timestamp) -> String? {
    let key = AddressKey(client: client, address: destination.lowercased())
    var best: (name: String, sequence: UInt64)?
    for name in namesByAddress[key] ?? [] {
      let bindingKey = BindingKey(client: client, address: key.address, name: name)
      guard let binding = bindings[bindingKey], now < binding.expires else { continue }
      if best.map({ binding.sequence > $0.sequence }) ?? true { best = (name, binding.sequence) }
    }
    return best?.name
  }

  /// Lowercased, without a trailing dot.
  static func normalized(_ name: String) -> String {
    let lower = name.lowercased()
    return lower.count > 1 && lower.hasSuffix(".") ? String(lower.dropLast()) : lower
  }

  mutating func bind(address: String, name: String, client: String, ttl: UInt32, at now: Timestamp)
  {
    // RFC 2181 8: a TTL with the top bit set is treated as zero.
    let seconds = max(Int64(minimumTTL), ttl > UInt32(Int32.max) ? 0 : Int64(ttl))
    let expires = Timestamp(nanoseconds: now.nanoseconds &+ seconds * 1_000_000_000)
    let key = BindingKey(client: client, address: address.lowercased(), name: name)
    nextSequence += 1
    if bindings.updateValue(Binding(expires: expires, sequence: nextSequence), forKey: key) == nil {
      let addressKey = AddressKey(client: client, address: key.address)
      namesByAddress[addressKey, default: []].append(name)
      if let held = namesByAddress[addressKey], held.count > Self.maxNamesPerAddress,
        let oldest = held.first
      {
        remove(BindingKey(client: client, address: key.address, name: oldest))
      }
      let nameKey = NameKey(client: client, name: name)
      addressesByName[nameKey, default: []].append(key.address)
      if let held = addressesByName[nameKey], held.count > maxAddressesPerName,
        let oldest = held.first
      {
        remove(BindingKey(client: client, address: oldest, name: name))
      }
    }
    order.append((key, nextSequence))
    while bindings.count > maxEntries, orderHead < order.count {
      let (oldKey, sequence) = order[orderHead]
      orderHead += 1
      if bindings[oldKey]?.sequence == sequence { remove(oldKey) }
    }
    compactOrder()
  }

  mutating func remove(_ key: BindingKey) {
    guard bindings.removeValue(forKey: key) != nil else { return }
    let addressKey = AddressKey(client: key.client, address: key.address)
    namesByAddress[addressKey]?.removeAll { $0 == key.name }
    if namesByAddress[addressKey]?.isEmpty == true { namesByAddress[addressKey] = nil }
    let nameKey = NameKey(client: key.client, name: key.name)
    addressesByName[nameKey]?.removeAll { $0 == key.address }
    if addressesByName[nameKey]?.isEmpty == true { addressesByName[nameKey] = nil }
  }

  /// Drops consumed and stale entries of `order` once it holds more than twice the live bindings.
  mutating func compactOrder() {
    guard order.count - orderHead > 2 * max(bindings.count, 1024) else {
      if orderHead > 1024 && orderHead * 2 > order.count {
        order.removeFirst(orderHead)
        orderHead = 0
      }
      return
    }
    order = order[orderHead...].filter { bindings[$0.key]?.sequence == $0.sequence }
    orderHead = 0
  }
}
