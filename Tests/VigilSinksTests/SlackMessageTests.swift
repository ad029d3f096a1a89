import Foundation
import Testing
import VigilCore
import VigilHTTPTesting

@testable import VigilSinks

@Suite struct SlackMessageTests {
  let alert = SinkFixtures.alert(
    rule: "Attach/Exec Pod", severity: .critical,
    output: "exec into <pod> web-1 & ran sh > /tmp/x", user: "alice<admin>", namespace: "prod")

  /// The payload decoded with Foundation (an independent JSON reader).
  func decoded(linkTemplate: String? = nil) throws -> [String: Any] {
    let bytes = SlackMessage.payload(alert, linkTemplate: linkTemplate)
    return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  /// Every text in the blocks, joined.
  func blockTexts(_ payload: [String: Any]) -> String {
    func texts(_ value: Any) -> [String] {
      if let object = value as? [String: Any] {
        return (object["text"] as? String).map { [$0] } ?? object.values.flatMap(texts)
      }
      if let array = value as? [Any] { return array.flatMap(texts) }
      return []
    }
    return texts(payload["blocks"] ?? []).joined(separator: "\n")
  }

  @Test func aWindowSummarySaysHowOftenAndOverWhatSpan() throws {
    var summary = alert
    summary.count = 7
    summary.lastSeen = summary.time.adding(.seconds(240))
    let bytes = SlackMessage.payload(summary)
    let payload = try #require(
      try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    #expect(blockTexts(payload).contains("Seen 7 times from"))
    #expect(!blockTexts(try decoded()).contains("Seen "))
  }

  @Test func carriesRuleUserNamespaceAndPriority() throws {
    let payload = try decoded()
    let fallback = try #require(payload["text"] as? String)
    #expect(fallback.contains("Attach/Exec Pod"))
    #expect(fallback.contains("Critical"))
    let blocks = try #require(payload["blocks"] as? [[String: Any]])
    #expect(blocks.first?["type"] as? String == "header")
    let header = try #require((blocks.first?["text"] as? [String: Any])?["text"] as? String)
    #expect(header.contains("Critical") && header.contains("Attach/Exec Pod"))
    let text = blockTexts(payload)
    #expect(text.contains("alice&lt;admin&gt;"))
    #expect(text.contains("prod/web-1"))
    #expect(text.contains("203.0.113.7"))
    #expect(text.contains("create pods/exec"))
    #expect(text.contains("soc2:CC6.1"))
    #expect(text.contains("mitre-attack:T1609"))
    #expect(blocks.contains { $0["type"] as? String == "context" })
  }

  @Test func escapesAmpersandAndAngleBrackets() throws {
    let payload = try decoded()
    let all = (payload["text"] as? String ?? "") + "\n" + blockTexts(payload)
    #expect(all.contains("exec into &lt;pod&gt; web-1 &amp; ran sh &gt; /tmp/x"))
    #expect(!all.contains("<pod>"))
    #expect(!all.contains("<"))
    #expect(SlackMessage.escape("a<b>&c") == "a&lt;b&gt;&amp;c")
  }

  @Test func linksWithTheTemplate() throws {
    let payload = try decoded(linkTemplate: "https://ui.example/alerts?key={id}&rule={rule}")
    let text = blockTexts(payload)
    let encodedKey = "Attach%2FExec%20Pod%7Calice%3Cadmin%3E%7Cprod"
    #expect(
      text.contains("<https://ui.example/alerts?key=\(encodedKey)&rule=Attach%2FExec%20Pod|"))
    #expect(!blockTexts(try decoded()).contains("https://"))
  }

  @Test func senderPostsThePayload() async throws {
    let receiver = try await HTTPTestReceiver()
    try await withHTTPClient { client in
      let sender = SlackSender(url: receiver.url, timeout: .seconds(5), httpClient: client)
      try await sender.send(alert, deliveryID: 3)
    }
    try await receiver.stop()
    let request = try #require(receiver.requests.first)
    #expect(request.body == SlackMessage.payload(alert))
    #expect(request.header("Content-Type") == "application/json")
  }
}
