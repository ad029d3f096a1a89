extension FactCategory {
  /// The category's index into a profile's tables (0 ..< `FactCategory.allCases.count`).
  @inline(__always)
  var profileSlot: Int {
    switch self {
    case .peer: 0
    case .domain: 1
    case .listeningPort: 2
    case .process: 3
    case .apiCall: 4
    case .userAgent: 5
    case .sourceIP: 6
    case .registry: 7
    case .image: 8
    }
  }

  /// The category at a profile table index.
  static func atProfileSlot(_ slot: Int) -> FactCategory {
    allCases.first { $0.profileSlot == slot } ?? .peer
  }

  /// Number of profile tables.
  static let profileSlotCount = 9
}
