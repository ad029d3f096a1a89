import Testing
import VigilCore
import VigilNet

@testable import VigilDetect

@Suite("FlowWindows")
struct FlowWindowsTests {
  typealias F = ZoneTestFlows
  let a = F.workload("dev", "a")
  let b = F.workload("prod", "b")

  @Test("one group per key per window; release by time, in opening order")
  func windows() {
    var windows = FlowWindows<String>(window: .seconds(60))
    #expect(windows.add("x", F.flow(from: a, to: b, port: 1, at: 0)).isEmpty)
    #expect(windows.add("y", F.flow(from: a, to: b, port: 2, at: 1)).isEmpty)
    #expect(windows.add("x", F.flow(from: a, to: b, port: 3, at: 59)).isEmpty)
    #expect(windows.release(upTo: F.t0.adding(.seconds(59))).isEmpty)
    let released = windows.release(upTo: F.t0.adding(.seconds(61)))
    #expect(released.map(\.key) == ["x", "y"])
    #expect(released.map(\.group.count) == [2, 1])
    #expect(released.first?.group.ports == [1, 3])
    #expect(windows.openCount == 0)
    let reopened = windows.add("x", F.flow(from: a, to: b, port: 1, at: 100))
    #expect(reopened.isEmpty)
    let next = windows.add("x", F.flow(from: a, to: b, port: 1, at: 170))
    #expect(next.map(\.group.count) == [1], "a flow after the window closes the old group")
    #expect(windows.releaseAll().count == 1)
  }

  @Test("past the limit the oldest group is released early")
  func limit() {
    var windows = FlowWindows<Int>(window: .seconds(600), maxOpen: 2)
    _ = windows.add(1, F.flow(from: a, to: b, port: 1, at: 0))
    _ = windows.add(2, F.flow(from: a, to: b, port: 1, at: 1))
    let released = windows.add(3, F.flow(from: a, to: b, port: 1, at: 2))
    #expect(released.map(\.key) == [1])
    #expect(windows.releasedEarly == 1)
    #expect(windows.openCount == 2)
  }
}
