/// One identity that wrote a workload (or fed a namespace), how it wrote and how often.
struct ProvenanceDeployer: Sendable, Hashable {
  /// The user or service account.
  var identity: String
  /// Its client family, from its latest write.
  var family: ClientFamily
  /// Its field manager, from its latest write that named one.
  var manager: String?
  /// How many writes it made.
  var count: Int

  /// `identity (family, manager m)`, as alert outputs name a deployer.
  var description: String {
    let how = manager.map { "\(family.name), manager \($0)" } ?? family.name
    return "\(identity) (\(how))"
  }
}

/// The identities that wrote one thing, at most `limit` of them. Nearly every workload has one or
/// two, so a short array searched in order beats a dictionary per workload.
struct ProvenanceDeployers: Sendable {
  /// In order of first write (the least frequent dropped when full).
  private(set) var entries: [ProvenanceDeployer] = []

  /// True when `identity` wrote before.
  func contains(_ identity: String) -> Bool {
    entries.contains { $0.identity == identity }
  }

  /// Counts a write by `identity`; when `limit` identities are known already, the least
  /// frequent (the latest among ties) is forgotten to make room.
  mutating func record(
    _ identity: String, family: ClientFamily, manager: String?, limit: Int
  ) {
    if let known = entries.firstIndex(where: { $0.identity == identity }) {
      entries[known].count += 1
      entries[known].family = family
      if let manager { entries[known].manager = manager }
      return
    }
    if entries.count >= max(1, limit) {
      var drop = entries.count - 1
      for index in entries.indices.reversed() where entries[index].count < entries[drop].count {
        drop = index
      }
      entries.remove(at: drop)
    }
    entries.append(
      ProvenanceDeployer(identity: identity, family: family, manager: manager, count: 1))
  }

  /// The deployers, most frequent first; ties in order of first write.
  var usual: [ProvenanceDeployer] {
    entries.enumerated().sorted {
      $0.element.count != $1.element.count
        ? $0.element.count > $1.element.count : $0.offset < $1.offset
    }.map(\.element)
  }
}
