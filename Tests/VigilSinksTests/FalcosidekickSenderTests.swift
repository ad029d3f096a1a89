import Foundation
import Testing
import VigilCore
import VigilHTTPTesting
import VigilPipeline

@testable import VigilSinks

@Suite struct FalcosidekickSenderTests {
  @Test(arguments: [
    (Severity.warning, "Warning"), (.critical, "Critical"), (.informational, "Informational"),
  ])
  func postsFalcoAlertJSON(severity: Severity, priority: String) async throws {
    let alert = SinkFixtures.alert(severity: severity)
    let receiver = try await HTTPTestReceiver(path: "/")
    try await withHTTPClient { client in
      let sender = FalcosidekickSender(
        url: receiver.url, timeout: .seconds(5), httpClient: client, hostname: "node-1")
      try await sender.send(alert, deliveryID: 9)
    }
    try await receiver.stop()
    let request = try #require(receiver.requests.first)
    #expect(request.method == "POST")
    #expect(request.header("Content-Type") == "application/json")
    #expect(request.text + "\n" == FalcoAlertJSON.line(alert, hostname: "node-1"))

    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    #expect(
      Set(object.keys)
        == ["hostname", "output", "priority", "rule", "source", "tags", "time", "output_fields"])
    #expect(object["priority"] as? String == priority)
    #expect(object["rule"] as? String == alert.rule)
    #expect(object["source"] as? String == "k8s_audit")
    #expect(object["hostname"] as? String == "node-1")
    #expect(object["tags"] as? [String] == alert.tags)
    let time = try #require(object["time"] as? String)
    #expect(time == "2025-10-09T08:53:20.123456000Z")
    #expect(Timestamp(rfc3339: time) == alert.time)
    #expect((object["output"] as? String)?.hasSuffix("\(priority) \(alert.output)") == true)
    let fields = try #require(object["output_fields"] as? [String: String])
    #expect(fields["ka.user.name"] == "alice")
    #expect(fields["ka.req.pod.containers.image"] == "<NA>")
  }
}
