import Synchronization

/// A thread-safe "ready" switch for `/readyz`: `vigil serve` sets it once the store is open and
/// rules are loaded, and may clear it while reloading or shutting down.
public final class ReadinessFlag: Sendable {
  private let state: Atomic<Bool>

  /// Creates a flag, not ready unless told otherwise.
  public init(ready: Bool = false) {
    self.state = Atomic(ready)
  }

  /// Whether `/readyz` answers 200.
  public var isReady: Bool { state.load(ordering: .acquiring) }

  /// Sets readiness.
  public func set(_ ready: Bool) {
    state.store(ready, ordering: .releasing)
  }
}
