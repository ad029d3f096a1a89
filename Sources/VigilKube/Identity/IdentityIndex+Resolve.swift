import VigilCore

/// Looking addresses up.
extension IdentityIndex {
  /// The holder of `ip` at `time`, nil when nobody (known) held it then.
  public func holder(of ip: IPAddress, at time: Timestamp) -> IdentityHolder? {
    guard let i = holderIndex(of: ip, at: time.nanoseconds) else { return nil }
    return holders[Int(i)]
  }

  /// The index of the holder of `ip` at `nanoseconds`.
  func holderIndex(of ip: IPAddress, at nanoseconds: Int64) -> Int32? {
    guard var i = latest[ip] else { return nil }
    return intervals.withUnsafeBufferPointer { list -> Int32? in
      while i >= 0 {
        let interval = list[Int(i)]
        if interval.start <= nanoseconds {
          return nanoseconds < interval.end ? interval.holder : nil
        }
        i = interval.previous
      }
      return nil
    }
  }

  /// What `ip` was at `time`, with the span of time the same answer holds for in this index
  /// (nanoseconds, `from` inclusive, `until` exclusive): the holding interval, or the gap between
  /// holdings. Lets callers cache one answer per address across many flows.
  public func resolveWithSpan(ip: IPAddress, at time: Timestamp) -> (
    resolution: IdentityResolution, from: Int64, until: Int64
  ) {
    let t = time.nanoseconds
    var from = Int64.min
    var until = Int64.max
    var found: Int32?
    if var i = latest[ip] {
      intervals.withUnsafeBufferPointer { list in
        while i >= 0 {
          let interval = list[Int(i)]
          if interval.start <= t {
            if t < interval.end {
              found = interval.holder
              from = interval.start
              until = interval.end
            } else {
              from = interval.end
            }
            return
          }
          until = interval.start
          i = interval.previous
        }
      }
    }
    if let found {
      let holder = holders[Int(found)]
      return (
        IdentityResolution(
          address: ip, holder: holder, addressClass: holder.addressClass, confidence: .exact,
          nodeName: holder.addressClass == .node ? holder.name : nil), from, until
      )
    }
    return (classify(ip), from, until)
  }

  /// What `ip` was at `time`: its holder, else its class by range; never unknown.
  public func resolve(ip: IPAddress, at time: Timestamp) -> IdentityResolution {
    if let i = holderIndex(of: ip, at: time.nanoseconds) {
      let holder = holders[Int(i)]
      return IdentityResolution(
        address: ip, holder: holder, addressClass: holder.addressClass, confidence: .exact,
        nodeName: holder.addressClass == .node ? holder.name : nil)
    }
    return classify(ip)
  }

  /// The class of an address nobody is known to hold.
  public func classify(_ ip: IPAddress) -> IdentityResolution {
    func result(
      _ c: AddressClass, _ confidence: IdentityConfidence = .cidrMatch, node: String? = nil
    )
      -> IdentityResolution
    {
      IdentityResolution(
        address: ip, holder: nil, addressClass: c, confidence: confidence, nodeName: node)
    }
    if let fixed = Self.wellKnownClass(ip), fixed != .privateNetwork, fixed != .publicInternet {
      return result(fixed)
    }
    if let node = nodeAddresses[ip] {
      return result(.node, .inferred, node: nodeNames[Int(node)])
    }
    for entry in podCIDRList where entry.network.contains(ip) {
      return result(.podCIDR, node: entry.node)
    }
    for network in clusterCIDRs where network.contains(ip) { return result(.podCIDR) }
    for network in serviceCIDRs where network.contains(ip) { return result(.serviceCIDR) }
    if serviceCIDRs.isEmpty, let inferred = inferredServiceCIDR(for: ip), inferred.contains(ip) {
      return result(.serviceCIDR, .inferred)
    }
    return result(Self.wellKnownClass(ip) ?? .publicInternet)
  }

  /// The service range inferred from the ClusterIPs seen in `ip`'s family: the smallest block
  /// holding them all, widened to a /16 (IPv4) or /112 (IPv6); nil when none were seen or they
  /// spread wider than a /12 (IPv4) or /108 (IPv6), which no service CIDR does.
  public func inferredServiceCIDR(for ip: IPAddress) -> IPNetwork? {
    guard let block = ip.isIPv4 ? seenServiceBlock.v4 : seenServiceBlock.v6 else { return nil }
    let (widest, floor) = ip.isIPv4 ? (16, 12) : (112, 108)
    guard block.prefixLength >= floor else { return nil }
    return IPNetwork(address: block.address, prefixLength: min(block.prefixLength, widest))
  }

  /// The fixed classes by standard range; nil for none of them (`.publicInternet` is returned).
  static func wellKnownClass(_ ip: IPAddress) -> AddressClass? {
    if let v4 = ip.ipv4 {
      if v4 == 0 { return .unspecified }
      if v4 >> 24 == 127 { return .loopback }
      if v4 == 0xA9FE_A9FE { return .cloudMetadata }  // 169.254.169.254
      if v4 >> 16 == 0xA9FE { return .linkLocal }
      if v4 >> 28 == 0xE { return .multicast }
      if v4 >> 24 == 10 || v4 >> 20 == 0xAC1 || v4 >> 16 == 0xC0A8 || v4 >> 22 == 0x191 {
        return .privateNetwork  // 10/8, 172.16/12, 192.168/16, 100.64/10
      }
      return .publicInternet
    }
    if ip.high == 0 && ip.low == 0 { return .unspecified }
    if ip.high == 0 && ip.low == 1 { return .loopback }
    // fd00:ec2::254, the AWS metadata service over IPv6.
    if ip.high == 0xFD00_0EC2_0000_0000 && ip.low == 0x254 { return .cloudMetadata }
    if ip.high >> 54 == 0x3FA { return .linkLocal }  // fe80::/10
    if ip.high >> 56 == 0xFF { return .multicast }
    if ip.high >> 57 == 0x7E { return .privateNetwork }  // fc00::/7
    return .publicInternet
  }
}
