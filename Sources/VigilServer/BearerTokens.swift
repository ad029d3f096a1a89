import Synchronization

/// The bearer tokens the webhook accepts, replaceable while it serves (a reload re-reads the
/// token file), so rotating a token needs no restart.
public final class BearerTokens: Sendable {
  private let tokens: Mutex<[[UInt8]]>

  /// Holds `tokens`.
  public init(_ tokens: Set<String>) {
    self.tokens = Mutex(Self.bytes(tokens))
  }

  /// The tokens now in force, as bytes.
  var current: [[UInt8]] { tokens.withLock { $0 } }

  /// Puts `tokens` in force for the next requests.
  public func replace(with tokens: Set<String>) {
    let bytes = Self.bytes(tokens)
    self.tokens.withLock { $0 = bytes }
  }

  private static func bytes(_ tokens: Set<String>) -> [[UInt8]] {
    tokens.sorted().map { Array($0.utf8) }
  }
}
