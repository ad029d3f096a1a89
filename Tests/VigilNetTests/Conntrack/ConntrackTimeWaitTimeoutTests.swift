import Foundation
import Testing
import VigilTesting

@testable import VigilNet

#if canImport(Glibc)
  @Suite("ConntrackTimeWaitTimeout", .serialized)
  struct ConntrackTimeWaitTimeoutTests {
    @Test("the sysctl's text: seconds, else nil")
    func parse() {
      #expect(ConntrackTimeWaitTimeout.parse(Array("120\n".utf8)) == 120)
      #expect(ConntrackTimeWaitTimeout.parse(Array("2".utf8)) == 2)
      #expect(ConntrackTimeWaitTimeout.parse(Array("\n".utf8)) == nil)
      #expect(ConntrackTimeWaitTimeout.parse(Array("-1\n".utf8)) == nil)
      #expect(ConntrackTimeWaitTimeout.parse(Array("12a\n".utf8)) == nil)
      #expect(ConntrackTimeWaitTimeout.parse(Array("99999999999\n".utf8)) == nil)
    }

    @Test(
      "lab: read in the node namespace, where the test set it",
      .enabled(if: PodNetworkLab.skipReason() == nil, "\(PodNetworkLab.skipReason() ?? "")")
    )
    func readInNamespace() throws {
      let lab = try PodNetworkLab(podNames: ["client"])
      defer { lab.remove() }
      try lab.node.run(
        ["sysctl", "-q", "-w", "net.netfilter.nf_conntrack_tcp_timeout_time_wait=7"])
      #expect(ConntrackTimeWaitTimeout.read(namespacePath: lab.node.path) == .seconds(7))
      #expect(ConntrackTimeWaitTimeout.read(namespacePath: "/nonexistent/netns") == nil)
    }
  }
#endif
