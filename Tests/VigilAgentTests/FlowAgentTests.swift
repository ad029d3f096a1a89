import Foundation
import Logging
import Metrics
import Testing
import VigilCore
import VigilHTTPTesting
import VigilNet

@testable import VigilAgent

@Suite("FlowAgent")
struct FlowAgentTests {
  static func shipper(_ receiver: HTTPTestReceiver) throws -> FlowShipper {
    let base = receiver.url.replacingOccurrences(of: "/v1/ingest/flows", with: "")
    return try FlowShipper(configuration: .init(server: base))
  }

  static func agent(
    directory: String, shipper: FlowShipper, batchSize: Int = 1_000
  ) throws -> FlowAgent {
    var configuration = FlowAgent.Configuration(node: "node-1")
    configuration.batchSize = batchSize
    configuration.flushInterval = .milliseconds(50)
    configuration.minBackoff = .milliseconds(20)
    configuration.maxBackoff = .milliseconds(100)
    return FlowAgent(
      configuration: configuration, spool: try FlowSpool(directory: directory),
      shipper: shipper, logger: Logger(label: "test"), metrics: NOOPMetricsHandler.instance)
  }

  /// Waits until `condition` holds (bounded).
  static func eventually(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(20)
    while !condition() {
      guard ContinuousClock.now < deadline else { throw TimedOut() }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  struct TimedOut: Error {}

  static func delivered(_ receiver: HTTPTestReceiver, statuses: Set<Int> = [200]) throws
    -> [FlowRecord]
  {
    try receiver.requests.flatMap { try FlowSpoolTests.decode($0.body) }
  }

  @Test("records are batched, gzipped and sent in order with the batch identity")
  func ships() async throws {
    let receiver = try await HTTPTestReceiver(statuses: [200], path: "/v1/ingest/flows")
    let directory = FlowSpoolTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let shipper = try Self.shipper(receiver)
    let agent = try Self.agent(directory: directory, shipper: shipper, batchSize: 4)
    let task = Task { await agent.run() }
    agent.submit(FlowSpoolTests.records(6))  // one full batch of 6 at once
    agent.submit(FlowSpoolTests.records(3, from: 6))  // flushed by the interval
    // Acknowledged batches leave the spool right after the answer is read.
    try await Self.eventually { receiver.requests.count == 2 && agent.backlog.spooled == 0 }
    task.cancel()
    await task.value
    let requests = receiver.requests
    #expect(requests.allSatisfy { $0.header("Content-Encoding") == "gzip" })
    #expect(requests.map { $0.header("Vigil-Batch") } == ["1", "2"])
    #expect(Set(requests.compactMap { $0.header("Vigil-Agent-ID") }).count == 1)
    #expect(requests.map { $0.header("Vigil-Records") } == ["6", "3"])
    #expect(try Self.delivered(receiver) == FlowSpoolTests.records(9))
    #expect(agent.backlog.spooled == 0)
    try await shipper.shutdown()
    try await receiver.stop()
  }

  @Test("through an outage and a restart every record is delivered once, in order")
  func outageAndRestart() async throws {
    let directory = FlowSpoolTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // The server is down: every attempt fails.
    let down = try await HTTPTestReceiver(statuses: [503], path: "/v1/ingest/flows")
    let downShipper = try Self.shipper(down)
    let first = try Self.agent(directory: directory, shipper: downShipper, batchSize: 5)
    let task = Task { await first.run() }
    first.submit(FlowSpoolTests.records(5))
    first.submit(FlowSpoolTests.records(5, from: 5))
    first.submit(FlowSpoolTests.records(2, from: 10))  // pending when the agent stops
    try await Self.eventually { down.requests.count >= 3 }
    task.cancel()
    await task.value
    #expect(first.backlog.spooled == 12)
    try await downShipper.shutdown()
    try await down.stop()

    // A new agent process on the same spool, the server back: 500 once, then fine.
    let up = try await HTTPTestReceiver(statuses: [500, 200], path: "/v1/ingest/flows")
    let upShipper = try Self.shipper(up)
    let second = try Self.agent(directory: directory, shipper: upShipper, batchSize: 5)
    let again = Task { await second.run() }
    try await Self.eventually { second.backlog.spooled == 0 && up.requests.count == 4 }
    again.cancel()
    await again.value
    let accepted = Array(up.requests.dropFirst())  // the first answer was a 500
    let records = try accepted.flatMap { try FlowSpoolTests.decode($0.body) }
    #expect(records == FlowSpoolTests.records(12))
    #expect(up.requests[0].header("Vigil-Batch") == up.requests[1].header("Vigil-Batch"))
    try await upShipper.shutdown()
    try await up.stop()
  }

  @Test("a batch the server refuses for good (400) is dropped, not retried forever")
  func rejected() async throws {
    let receiver = try await HTTPTestReceiver(statuses: [400, 200], path: "/v1/ingest/flows")
    let directory = FlowSpoolTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let shipper = try Self.shipper(receiver)
    let agent = try Self.agent(directory: directory, shipper: shipper, batchSize: 2)
    let task = Task { await agent.run() }
    agent.submit(FlowSpoolTests.records(2))
    agent.submit(FlowSpoolTests.records(2, from: 2))
    try await Self.eventually { receiver.requests.count == 2 && agent.backlog.spooled == 0 }
    task.cancel()
    await task.value
    #expect(receiver.requests.map { $0.header("Vigil-Batch") } == ["1", "2"])
    try await shipper.shutdown()
    try await receiver.stop()
  }
}
