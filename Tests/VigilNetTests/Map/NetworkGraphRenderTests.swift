import Foundation
import Testing
import VigilCore

@testable import VigilNet

@Suite struct NetworkGraphRenderTests {
  typealias F = MapFixtures

  func sample() -> NetworkGraph {
    var flows: [FlowRecord] = []
    for i in 0..<12 {
      flows.append(
        F.flow("10.244.1.10", "10.244.1.11", at: Int64(i), bytesOut: 290, bytesIn: 10240))
    }
    flows.append(F.flow("10.244.1.11", "10.244.1.12", port: 5432, outcome: .refused))
    flows.append(F.flow("10.244.1.11", "93.184.216.34", port: 443, dns: "exa\"mple.com"))
    flows.append(F.flow("203.0.113.9", "10.244.1.10", port: 443, bytesOut: nil, bytesIn: nil))
    return F.map(flows).graph()
  }

  @Test func textGroupsByNamespaceWithCountsBytesOutcomesAndMarkers() {
    let text = sample().text()
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.contains("api"))
    #expect(lines.contains("web"))
    let webIndex = lines.firstIndex(of: "web") ?? -1
    #expect(lines.firstIndex(of: "api") ?? 99 < webIndex)
    #expect(
      lines.contains(
        "  web/deploy/frontend [public entry] → api/deploy/backend :8080/tcp  12 conns  3.4 KB↑ 120 KB↓  established 12  (east-west)"
      ))
    #expect(
      lines.contains {
        $0.contains("api/deploy/backend → data/sts/postgres [sensitive: postgres] :5432/tcp")
          && $0.contains("refused 1")
      })
    // An ingress from the internet is grouped under its destination's namespace.
    #expect(
      lines.contains {
        $0.hasPrefix(
          "  203.0.113.9 (public) → web/deploy/frontend [public entry] :443/tcp  1 conn  unknown")
          == false
      })
    #expect(
      lines.contains {
        $0.contains("203.0.113.9 (public) → web/deploy/frontend")
          && $0.hasSuffix("(ingress-internet)")
      })
  }

  @Test func byteTextUsesBinaryUnits() {
    #expect(NetworkGraph.byteText(512) == "512 B")
    #expect(NetworkGraph.byteText(3482) == "3.4 KB")
    #expect(NetworkGraph.byteText(122_880) == "120 KB")
    #expect(NetworkGraph.byteText(1_572_864) == "1.5 MB")
  }

  @Test func jsonRoundTripsAndHasTheDocumentedShape() throws {
    let graph = sample()
    let text = graph.json()
    let decoded = try NetworkGraph(json: text)
    #expect(decoded == graph)
    // The shape, read with a general JSON parser.
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["version"] as? Int == 1)
    let edges = try #require(object["edges"] as? [[String: Any]])
    let toDatabase = try #require(edges.first { $0["port"] as? Int == 5432 })
    #expect(toDatabase["proto"] as? String == "tcp")
    #expect(toDatabase["class"] as? String == "east-west")
    #expect(toDatabase["marks"] as? [String] == ["sensitive-destination"])
    #expect((toDatabase["outcomes"] as? [String: Int])?["refused"] == 1)
    let nodes = try #require(object["nodes"] as? [[String: Any]])
    let frontend = try #require(nodes.first { $0["name"] as? String == "frontend" })
    #expect(frontend["publicEntry"] as? Bool == true)
    #expect(frontend["workloadKind"] as? String == "Deployment")
  }

  @Test func jsonDecodingRejectsBrokenDocuments() {
    #expect(throws: NetworkGraphDecodeError.self) { try NetworkGraph(json: "nope") }
    #expect(throws: NetworkGraphDecodeError.self) { try NetworkGraph(json: #"{"version":9}"#) }
    let badEdge =
      #"{"version":1,"nodes":[],"edges":[{"source":"a","destination":"b","port":70000}]}"#
    do {
      _ = try NetworkGraph(json: badEdge)
      Issue.record("decoded a port out of range")
    } catch {
      #expect(error.code == .badEdge)
    }
  }

  @Test func dotHasOneClusterPerNamespaceExternalNodesOutsideAndEscapedIDs() {
    let dot = sample().dot()
    #expect(dot.hasPrefix("digraph \"vigil\" {"))
    #expect(dot.hasSuffix("}\n"))
    let clusters = dot.split(separator: "\n").filter { $0.contains("subgraph \"cluster_") }
    #expect(clusters.count == 3)  // api, data, web
    #expect(dot.contains("label=\"web\""))
    // The quote in the DNS name is escaped in the id and the label.
    #expect(dot.contains(#""domain:exa\"mple.com" [label="exa\"mple.com", shape=box]"#))
    #expect(
      dot.contains(
        #""workload:web/Deployment/frontend" -> "workload:api/Deployment/backend" [label="8080/tcp ×12"]"#
      ))
    // External nodes are declared outside every cluster: before the first subgraph or at depth 1.
    for line in dot.split(separator: "\n") where line.contains("\"ip:203.0.113.9\" [") {
      #expect(line.hasPrefix("  \"ip:"))
    }
    // Balanced braces.
    #expect(dot.filter { $0 == "{" }.count == dot.filter { $0 == "}" }.count)
    #expect(NetworkGraph.dotQuoted("a\\b\"c\nd") == #""a\\b\"c\nd""#)
  }

  @Test(.enabled(if: dotPath != nil, "graphviz `dot` not installed"))
  func dotIsAcceptedByGraphviz() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: dotPath ?? "/usr/bin/dot")
    process.arguments = ["-Tsvg", "-o", "/dev/null"]
    let input = Pipe()
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(Data(sample().dot().utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }
}

let dotPath: String? = ["/usr/bin/dot", "/usr/local/bin/dot"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}
