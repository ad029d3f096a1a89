import Glibc
import Testing
import VigilTesting

@testable import VigilNet

@Suite("NetworkNamespaceEntry")
struct NetworkNamespaceEntryTests {
  @Test(
    "a body run inside a namespace sees that namespace's links, and the thread comes back",
    .enabled(if: PodNetworkLab.skipReason() == nil, "\(PodNetworkLab.skipReason() ?? "")"))
  func entersAndLeaves() throws {
    let namespace = try NetworkNamespace(label: "entry")
    defer { namespace.remove() }
    try namespace.run(["ip", "link", "add", "vgprobe0", "type", "bridge"])
    let inside = try NetworkNamespaceEntry.withNamespace(namespace.path) {
      if_nametoindex("vgprobe0")
    }
    #expect(inside != 0)
    #expect(if_nametoindex("vgprobe0") == 0)
  }

  @Test("a missing namespace file is a clear error")
  func missingNamespace() {
    #expect(throws: NetworkNamespaceEntry.Failure.self) {
      try NetworkNamespaceEntry.withNamespace("/var/run/netns/vigil-no-such-namespace") { 1 }
    }
  }
}
