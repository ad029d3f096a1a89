extension ServeConfiguration {
  /// Byte sizes as people write them: `16MiB`, `512KiB`, `1GB`, `1048576`.
  public enum ByteSize {
    /// Parses a size; nil when malformed or too large.
    public static func parse(_ text: String) -> Int? {
      let trimmed = text.trimmingSpaces.replacingUnderscores
      let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, let number = Int(digits) else { return nil }
      let unit = trimmed.dropFirst(digits.count).trimmingSpaces
      let scale: Int
      switch unit {
      case "", "B": scale = 1
      case "KiB", "K", "k": scale = 1 << 10
      case "MiB", "M": scale = 1 << 20
      case "GiB", "G": scale = 1 << 30
      case "KB", "kB": scale = 1_000
      case "MB": scale = 1_000_000
      case "GB": scale = 1_000_000_000
      default: return nil
      }
      let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
      return overflow ? nil : bytes
    }

    /// The shortest exact spelling: `16MiB`, `512KiB`, `1000`.
    public static func format(_ bytes: Int) -> String {
      for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
      where bytes >= size && bytes % size == 0 {
        return "\(bytes / size)\(unit)"
      }
      return "\(bytes)"
    }
  }
}
