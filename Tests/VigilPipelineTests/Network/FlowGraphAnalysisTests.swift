import Testing
import VigilCore
import VigilKube
import VigilNet
import VigilPipeline

@Suite struct FlowGraphAnalysisTests {
  typealias N = NetworkFixtures

  @Test func hubbleLinesBecomeAMapWithMalformedLinesReportedAndSkipped() throws {
    let text = [
      N.hubble("10.244.1.6", "10.96.14.7", port: 5432, time: "2026-11-02T10:00:00Z"),
      "this is not json",
      N.hubble("10.244.1.6", "10.244.1.5", port: 5432, time: "2026-11-02T10:00:01Z"),
      #"{"flow":{"verdict":"FORWARDED","IP":{"source":"10.244.1.6","destination":"10.244.1.5"}}}"#,
      N.hubble("10.244.1.6", "10.96.0.1", port: 443, time: "2026-11-02T10:00:02Z"),
      "",
    ].joined(separator: "\n")
    var analysis = FlowGraphAnalysis(resolver: try N.resolver())
    analysis.add(text: text, file: "hubble.json")
    let graph = analysis.finish().graph()
    #expect(analysis.records == 3)
    #expect(analysis.diagnostics.map(\.position.line) == [2, 4])
    #expect(analysis.diagnostics.allSatisfy { $0.position.file == "hubble.json" })
    let toDB = try #require(graph.edges.first { $0.port == 5432 })
    #expect(toDB.source == "workload:web/Deployment/web")
    #expect(toDB.destination == "workload:payments/Deployment/db")
    #expect(toDB.connections == 2)  // by ClusterIP and by pod IP: one edge
    #expect(toDB.edgeClass == .eastWest)
    #expect(graph.node(toDB.destination)?.marks.sensitivity?.product == "postgres")
    #expect(graph.node(toDB.destination)?.marks.isPublicEntry == true)
    #expect(graph.edges.contains { $0.destination == "api-server" && $0.edgeClass == .toAPIServer })
    #expect(
      graph.text().contains(
        "web/deploy/web → payments/deploy/db [public entry] [sensitive: postgres] :5432/tcp  2 conns"
      ))
  }

  @Test func vpcFlowLogsAreReadThroughTheSameAttribution() throws {
    // Version 2 default layout: an internet client to the load balancer, and egress.
    let text = """
      version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
      2 123456789010 eni-1235b8ca123456789 203.0.113.12 34.120.1.9 51000 5432 6 20 4249 1794736800 1794736860 ACCEPT OK
      2 123456789010 eni-1235b8ca123456789 10.244.1.6 93.184.216.34 41000 443 6 10 840 1794736800 1794736860 ACCEPT OK
      2 123456789010 eni-1235b8ca123456789 10.244.1.6 93.184.216.34 bad 443 6 10 840 1794736800 1794736860 ACCEPT OK
      """
    var analysis = FlowGraphAnalysis(resolver: try N.resolver())
    analysis.add(text: text, file: "vpc.log")
    let graph = analysis.finish().graph()
    #expect(analysis.records == 2)
    #expect(analysis.diagnostics.map(\.position.line) == [4])
    let ingress = try #require(graph.edges.first { $0.source == "ip:203.0.113.12" })
    #expect(ingress.edgeClass == .ingressInternet)
    #expect(ingress.destination == "workload:payments/Deployment/db")
    #expect(ingress.bytesOut == 4249)
    let egress = try #require(graph.edges.first { $0.destination == "ip:93.184.216.34" })
    #expect(egress.edgeClass == .egressInternet)
  }

  @Test func aFlowBeforeItsPodIsKnownIsAttributedWhenTheInventoryLearnsIt() throws {
    let line = N.hubble("10.244.1.40", "10.244.1.5", port: 5432, time: "2026-11-02T10:00:00Z")
    var analysis = FlowGraphAnalysis(resolver: try N.resolver())
    analysis.add(text: line, file: "-")
    #expect(analysis.attributor.pendingCount == 1)
    #expect(analysis.map.edgeCount == 0)
    let learned = try N.resolver([
      N.pod("shell", namespace: "dev", ip: "10.244.1.40", labels: #""run":"shell""#)
    ])
    analysis.inventoryChanged(resolver: learned, now: N.now)
    #expect(analysis.attributor.pendingCount == 0)
    let graph = analysis.finish().graph()
    #expect(graph.edges.map(\.source) == ["workload:dev/Pod/shell"])
    #expect(analysis.attributor.resolvedLate == 1)
  }

  @Test func aFlowWhosePodNeverAppearsIsGivenUpAtTheEnd() throws {
    let line = N.hubble("10.244.1.41", "10.244.1.5", port: 5432, time: "2026-11-02T10:00:00Z")
    var analysis = FlowGraphAnalysis(resolver: try N.resolver())
    analysis.add(text: line, file: "-")
    let graph = analysis.finish().graph()
    #expect(graph.edges.map(\.source) == ["ip:10.244.1.41"])
    #expect(graph.node("ip:10.244.1.41")?.endpoint.scope == .podCIDR)
    #expect(analysis.attributor.gaveUp == 1)
  }

  @Test func detectsTheInputFormatFromTheFirstLine() {
    #expect(
      FlowInputFormat.detect("\n" + N.hubble("1.1.1.1", "2.2.2.2", port: 1, time: "x")) == .hubble)
    #expect(FlowInputFormat.detect(#"{"start":"2026-11-02T10:00:00Z","src":"1.1.1.1"}"#) == .vigil)
    #expect(FlowInputFormat.detect("2 123 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1 2 ACCEPT OK") == .vpc)
  }
}
