import Synchronization
import VigilCore

/// A wall clock the test moves by hand, starting at the real time.
final class ManualWallClock: Sendable {
  private let current = Mutex(Timestamp.now())

  /// The current time.
  var now: Timestamp { current.withLock { $0 } }

  /// Moves time forward.
  func advance(by duration: Duration) { current.withLock { $0 = $0.adding(duration) } }
}
