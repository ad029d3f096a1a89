import Foundation
import Testing
import VigilCore
import VigilHTTPTesting
import VigilPipeline
import VigilStore

@testable import VigilSinks

@Suite struct SinkDeliveryTests {
  @Test func retriesUntilTheThirdAttemptSucceeds() async throws {
    let receiver = try await HTTPTestReceiver(statuses: [503, 503, 200])
    try await withHTTPClient { client in
      let sender = WebhookSender(
        url: receiver.url, secret: nil, timeout: .seconds(5), httpClient: client)
      let h = DeliveryHarness(sender: sender, directory: SinkFixtures.temporaryDirectory())
      try h.enqueue([SinkFixtures.alert()])
      let start = h.clock.now()

      var round = await h.delivery.deliverDue()
      #expect(round.failed == 1 && round.stopped)
      #expect(h.waiting.first?.attempts == 1)
      #expect(h.waiting.first?.notBefore == start.adding(.milliseconds(100)))
      round = await h.delivery.deliverDue()  // backoff not over: nothing sent
      #expect(round.failed == 0 && round.delivered == 0)
      #expect(receiver.requests.count == 1)

      h.clock.advance(.milliseconds(100))
      round = await h.delivery.deliverDue()
      #expect(round.failed == 1)
      #expect(h.waiting.first?.attempts == 2)
      #expect(h.waiting.first?.notBefore == h.clock.now().adding(.milliseconds(200)))

      h.clock.advance(.milliseconds(200))
      round = await h.delivery.deliverDue()
      #expect(round.delivered == 1)
      #expect(try h.outbox.depth(sink: "test-hook") == 0)
      #expect(h.counter(MetricName.sinkFailures) == 2)
      #expect(h.counter(MetricName.sinkDeliveries) == 1)
      #expect(h.counter(MetricName.sinkDeadLetters) == 0)
    }
    try await receiver.stop()
    let ids = Set(receiver.requests.compactMap { $0.header("X-Vigil-Delivery") })
    #expect(receiver.requests.count == 3)
    #expect(ids.count == 1)  // the same idempotency key on every attempt
  }

  @Test func deadLettersAfterTheLastAttempt() async throws {
    let receiver = try await HTTPTestReceiver(statuses: [500])
    let directory = SinkFixtures.temporaryDirectory() + "/nested/dir"
    let alert = SinkFixtures.alert()
    let h = try await withHTTPClient { client in
      let sender = WebhookSender(
        url: receiver.url, secret: nil, timeout: .seconds(5), httpClient: client)
      let h = DeliveryHarness(sender: sender, maxAttempts: 3, directory: directory)
      try h.enqueue([alert])
      for _ in 0..<3 {
        await h.delivery.deliverDue()
        h.clock.advance(.seconds(1))
      }
      return h
    }
    try await receiver.stop()
    #expect(receiver.requests.count == 3)
    #expect(try h.outbox.depth(sink: "test-hook") == 0)
    #expect(h.counter(MetricName.sinkFailures) == 3)
    #expect(h.counter(MetricName.sinkDeadLetters) == 1)
    #expect(h.configuration.deadLetterPath == directory + "/dead-letter-test-hook.jsonl")
    let lines = SinkFixtures.lines(h.configuration.deadLetterPath)
    try #require(lines.count == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(object["sink"] as? String == "test-hook")
    #expect(object["attempts"] as? Int == 3)
    #expect((object["error"] as? String)?.contains("500") == true)
    let alertObject = try #require(object["alert"])
    let alertData = try JSONSerialization.data(withJSONObject: alertObject)
    #expect(try JSONDecoder().decode(Alert.self, from: alertData) == alert)
  }

  @Test func deadLettersAPermanentFailureAtOnce() async throws {
    let receiver = try await HTTPTestReceiver(statuses: [400])
    let h = try await withHTTPClient { client in
      let sender = WebhookSender(
        url: receiver.url, secret: nil, timeout: .seconds(5), httpClient: client)
      let h = DeliveryHarness(sender: sender, directory: SinkFixtures.temporaryDirectory())
      try h.enqueue([SinkFixtures.alert(rule: "first"), SinkFixtures.alert(rule: "second")])
      let round = await h.delivery.deliverDue()
      #expect(round.deadLettered == 2)
      #expect(!round.stopped)
      return h
    }
    try await receiver.stop()
    #expect(receiver.requests.count == 2)
    #expect(try h.outbox.depth(sink: "test-hook") == 0)
    let lines = SinkFixtures.lines(h.configuration.deadLetterPath)
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { $0.contains("\"attempts\":1,") && $0.contains("HTTP 400") })
    #expect(h.counter(MetricName.sinkDeadLetters) == 2)
  }

  @Test func retriesARefusedConnection() async throws {
    let url = try await refusedURL()
    try await withHTTPClient { client in
      let sender = WebhookSender(
        url: url, secret: nil, timeout: .milliseconds(500), httpClient: client)
      let h = DeliveryHarness(
        sender: sender, maxAttempts: 5, directory: SinkFixtures.temporaryDirectory())
      try h.enqueue([SinkFixtures.alert()])
      await h.delivery.deliverDue()
      h.clock.advance(.seconds(1))
      await h.delivery.deliverDue()
      #expect(h.waiting.map(\.attempts) == [2])
      #expect(h.counter(MetricName.sinkFailures) == 2)
      #expect(h.counter(MetricName.sinkDeadLetters) == 0)
      #expect(SinkFixtures.contents(of: h.configuration.deadLetterPath) == nil)
    }
  }

  @Test func keepsOrderAcrossARetry() async throws {
    let receiver = try await HTTPTestReceiver(statuses: [503, 200])
    try await withHTTPClient { client in
      let sender = WebhookSender(
        url: receiver.url, secret: nil, timeout: .seconds(5), httpClient: client)
      let h = DeliveryHarness(sender: sender, directory: SinkFixtures.temporaryDirectory())
      try h.enqueue(["A", "B", "C"].map { SinkFixtures.alert(rule: $0) })
      var round = await h.delivery.deliverDue()
      #expect(round.failed == 1 && round.delivered == 0)
      h.clock.advance(.milliseconds(50))  // B and C are due, but A's retry is not: wait
      round = await h.delivery.deliverDue()
      #expect(round.delivered == 0)
      h.clock.advance(.milliseconds(50))
      round = await h.delivery.deliverDue()
      #expect(round.delivered == 3)
    }
    try await receiver.stop()
    let rules = try receiver.requests.map { try AlertJSON.decode($0.text).rule }
    #expect(rules == ["A", "A", "B", "C"])
  }

  @Test func runDeliversWellWithinASecondAndStopsWhenCancelled() async throws {
    let receiver = try await HTTPTestReceiver(statuses: [503, 200])
    try await withHTTPClient { client in
      let sender = WebhookSender(
        url: receiver.url, secret: nil, timeout: .seconds(5), httpClient: client)
      let h = DeliveryHarness(
        sender: sender, directory: SinkFixtures.temporaryDirectory(), realClock: true,
        pollInterval: .milliseconds(100))
      // Why a task: `run()` loops until cancelled; the test cancels it at the end.
      let running = Task { try await h.delivery.run() }
      try h.enqueue(
        [SinkFixtures.alert(rule: "one"), SinkFixtures.alert(rule: "two")],
        now: Timestamp.now())
      let clock = ContinuousClock()
      let start = clock.now
      while try h.outbox.depth(sink: "test-hook") > 0 && clock.now < start + .seconds(10) {
        try await Task.sleep(for: .milliseconds(5))
      }
      let withRetry = clock.now - start
      #expect(try h.outbox.depth(sink: "test-hook") == 0)
      // One retry of 100 ms plus up to two polls.
      #expect(withRetry < .seconds(1))

      try h.enqueue([SinkFixtures.alert(rule: "three")], now: Timestamp.now())
      let second = clock.now
      while try h.outbox.depth(sink: "test-hook") > 0 && clock.now < second + .seconds(10) {
        try await Task.sleep(for: .milliseconds(2))
      }
      let latency = clock.now - second
      #expect(latency < .milliseconds(500))
      print("sink delivery latency: first batch with one retry \(withRetry), idle alert \(latency)")

      running.cancel()
      try await running.value
    }
    try await receiver.stop()
    let rules = try receiver.requests.map { try AlertJSON.decode($0.text).rule }
    #expect(rules == ["one", "one", "two", "three"])
  }

  @Test func drainSendsWhatIsDue() async throws {
    let receiver = try await HTTPTestReceiver()
    try await withHTTPClient { client in
      let sender = WebhookSender(
        url: receiver.url, secret: nil, timeout: .seconds(5), httpClient: client)
      let h = DeliveryHarness(sender: sender, directory: SinkFixtures.temporaryDirectory())
      try h.enqueue((0..<5).map { SinkFixtures.alert(rule: "r\($0)") })
      try h.enqueue([SinkFixtures.alert(rule: "later")], now: h.clock.now().adding(.seconds(60)))
      let settled = await h.delivery.drain(deadline: .now + .seconds(10))
      #expect(settled == 5)
      #expect(h.waiting.map(\.alert.rule) == ["later"])
    }
    try await receiver.stop()
    #expect(receiver.requests.count == 5)
  }
}
