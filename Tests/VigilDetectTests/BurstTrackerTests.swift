import Testing
import VigilCore
import VigilDetect

@Suite struct BurstTrackerTests {
  func at(_ seconds: Int64) -> Timestamp { Timestamp(nanoseconds: seconds * 1_000_000_000) }

  @Test func firesOncePerBurstWithTheCount() {
    var tracker = BurstTracker(threshold: 5, window: .seconds(60))
    var outcomes: [BurstTracker.Outcome] = []
    for s in 0..<12 as Range<Int64> { outcomes.append(tracker.record(key: "u", at: at(s * 5))) }
    #expect(outcomes.prefix(4).allSatisfy { $0 == .counting })
    #expect(outcomes[4] == .started(count: 5, start: at(0)))
    #expect(outcomes.dropFirst(5).allSatisfy { $0 == .continuing })
  }

  @Test func slowEventsNeverFire() {
    var tracker = BurstTracker(threshold: 3, window: .seconds(60))
    for s in 0..<50 as Range<Int64> {
      #expect(tracker.record(key: "u", at: at(s * 31)) == .counting)
    }
  }

  @Test func keysAreIndependentAndAQuietWindowEndsABurst() {
    var tracker = BurstTracker(threshold: 2, window: .seconds(10))
    #expect(tracker.record(key: "a", at: at(0)) == .counting)
    #expect(tracker.record(key: "b", at: at(1)) == .counting)
    #expect(tracker.record(key: "a", at: at(2)) == .started(count: 2, start: at(0)))
    #expect(tracker.record(key: "a", at: at(5)) == .continuing)
    #expect(tracker.record(key: "a", at: at(30)) == .counting)
    #expect(tracker.record(key: "a", at: at(31)) == .started(count: 2, start: at(30)))
  }

  @Test func memoryIsBoundedByActiveKeys() {
    var tracker = BurstTracker(threshold: 100, window: .seconds(10))
    for s in 0..<10_000 as Range<Int64> { _ = tracker.record(key: "k\(s)", at: at(s)) }
    // Keys quiet for a window are swept once per window: at most two windows of keys remain.
    #expect(tracker.trackedKeys <= 21)
  }
}
