/// Classifies addresses by the standard ranges, for ends no cluster object holds: the metadata
/// endpoint, loopback, link-local, multicast, private networks, the public internet.
public enum AddressClassifier {
  /// What a bare address is: the cloud metadata endpoint, or an external scope; nil when `text`
  /// is not an IP address.
  public static func classify(_ text: String) -> Classification? {
    guard let bytes = CommunityID.addressBytes(text) else { return nil }
    return classify(bytes: bytes)
  }

  /// What an address is, from its 4 or 16 bytes.
  public static func classify(bytes b: [UInt8]) -> Classification? {
    if b.count == 4 {
      if b.allSatisfy({ $0 == 0 }) { return .scope(.unspecified) }
      if b[0] == 127 { return .scope(.loopback) }
      if b == [169, 254, 169, 254] { return .cloudMetadata }
      if b[0] == 169 && b[1] == 254 { return .scope(.linkLocal) }
      if b[0] >> 4 == 0xE { return .scope(.multicast) }
      if b[0] == 10 || (b[0] == 172 && b[1] >> 4 == 1) || (b[0] == 192 && b[1] == 168)
        || (b[0] == 100 && b[1] >> 6 == 1)
      {
        return .scope(.privateNetwork)
      }
      return .scope(.publicInternet)
    }
    guard b.count == 16 else { return nil }
    if b.allSatisfy({ $0 == 0 }) { return .scope(.unspecified) }
    if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .scope(.loopback) }
    if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {
      return classify(bytes: Array(b[12..<16]))  // IPv4-mapped
    }
    let metadata: [UInt8] = [0xFD, 0, 0x0E, 0xC2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54]
    if b == metadata { return .cloudMetadata }
    if b[0] == 0xFE && b[1] >> 6 == 2 { return .scope(.linkLocal) }
    if b[0] == 0xFF { return .scope(.multicast) }
    if b[0] >> 1 == 0x7E { return .scope(.privateNetwork) }
    return .scope(.publicInternet)
  }

  /// What a bare address is.
  public enum Classification: Sendable, Hashable {
    /// The cloud instance-metadata endpoint.
    case cloudMetadata
    /// An address of this scope.
    case scope(NetworkEndpoint.AddressScope)
  }

  /// The end a bare address stands for: the metadata endpoint, else an external end of its scope
  /// (`.publicInternet` when `text` is not an address).
  public static func endpoint(for text: String) -> NetworkEndpoint {
    switch classify(text) {
    case .cloudMetadata: .cloudMetadata(address: text)
    case .scope(let scope): .external(address: text, scope: scope)
    case nil: .external(address: text, scope: .publicInternet)
    }
  }
}
