import Testing
import VigilHTTPTesting
import VigilJSON

@testable import VigilKubeClient

@Suite struct ResourceWatcherTests {
  private let pods = KubeResource.inventory(kind: "Pod")!
  private let fast = ResourceWatcher.Configuration(
    pageSize: 1, watchTimeoutSeconds: 60, initialBackoff: .milliseconds(10),
    maximumBackoff: .milliseconds(50), notInstalledRecheck: .milliseconds(50))

  /// A delivery reduced to what the tests compare.
  private enum Seen: Equatable {
    case synced([String], String)
    case added(String)
    case modified(String)
    case deleted(String)
    case notInstalled
  }

  private func seen(_ delivery: ResourceWatcher.Delivery) -> Seen {
    func name(_ object: JSONValue) -> String {
      "\(object.value(atPath: "metadata", "name")?.string ?? "?")@\(object.value(atPath: "metadata", "resourceVersion")?.string ?? "?")"
    }
    switch delivery {
    case .synced(let objects, let version): return .synced(objects.map(name), version)
    case .added(let object): return .added(name(object))
    case .modified(let object): return .modified(name(object))
    case .deleted(let object): return .deleted(name(object))
    case .notInstalled: return .notInstalled
    }
  }

  private func pod(_ name: String, _ version: String) -> String {
    APIFixtures.pod(
      name: name, ip: "10.244.3.\(name.count)", resourceVersion: version, uid: "uid-\(name)")
  }

  /// Runs the watcher until `count` deliveries arrived and the server saw `requests` requests
  /// (or 10 s passed), then cancels it. `onDelivery` runs inside the handler, before the watcher
  /// continues.
  private func run(
    _ server: FakeAPIServer, resource: KubeResource, count: Int, requests: Int = 0,
    onDelivery: @escaping @Sendable (Seen) -> Void = { _ in }
  ) async throws -> [Seen] {
    try await TestSupport.withClient(try TestSupport.configuration(server, token: .inline("good")))
    {
      client in
      let watcher = ResourceWatcher(
        resource: resource, client: client, configuration: fast, logger: TestSupport.logger)
      let (stream, continuation) = AsyncStream.makeStream(of: Seen.self)
      return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
          try await watcher.run { delivery in
            let seen = self.seen(delivery)
            onDelivery(seen)
            continuation.yield(seen)
          }
          continuation.finish()
        }
        group.addTask {
          // Cancelled (and silent) once the deliveries are in; ends the wait otherwise.
          try? await Task.sleep(for: .seconds(10))
          continuation.finish()
        }
        var seen: [Seen] = []
        for await delivery in stream {
          seen.append(delivery)
          if seen.count == count { break }
        }
        _ = try await server.waitForRequests { $0.count >= requests }
        group.cancelAll()
        try await group.waitForAll()
        return seen
      }
    }
  }

  @Test func expiredEventRelistsAndSyncsAgain() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    let path = "/api/v1/pods"
    server.setList(
      path, kind: "PodList", resourceVersion: "1000", items: [pod("a", "900"), pod("b", "901")])
    server.addWatch(
      path,
      [
        .chunk(APIFixtures.event("ADDED", pod("c", "1001"))),
        .chunk(APIFixtures.bookmark(kind: "Pod", resourceVersion: "1005")),
        .chunk(APIFixtures.expired),
      ])
    let seen = try await run(server, resource: pods, count: 3, requests: 6) { seen in
      // While the watcher was away, `a` was deleted: the relist shows the new set.
      if case .added = seen {
        server.setList(
          path, kind: "PodList", resourceVersion: "2000",
          items: [pod("b", "901"), pod("c", "1001")])
      }
    }
    #expect(
      seen == [
        .synced(["a@900", "b@901"], "1000"), .added("c@1001"),
        .synced(["b@901", "c@1001"], "2000"),
      ])
    #expect(
      server.requests.map {
        $0.query["watch"] == nil ? "list" : "watch \($0.query["resourceVersion"] ?? "")"
      } == [
        "list", "list", "watch 1000", "list", "list", "watch 2000",
      ])
    try await server.stop()
  }

  @Test func http410OnWatchRelists() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    let path = "/api/v1/pods"
    server.setList(path, kind: "PodList", resourceVersion: "10", items: [pod("a", "9")])
    server.addWatchStatus(path, 410)
    let seen = try await run(server, resource: pods, count: 2, requests: 4)
    #expect(seen == [.synced(["a@9"], "10"), .synced(["a@9"], "10")])
    #expect(server.requests.map { $0.query["resourceVersion"] } == [nil, "10", nil, "10"])
    try await server.stop()
  }

  @Test func endedAndBrokenStreamsResumeFromTheLastVersion() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    let path = "/api/v1/pods"
    server.setList(path, kind: "PodList", resourceVersion: "1000", items: [])
    // The server ends the first stream normally after a bookmark …
    server.addWatch(
      path,
      [
        .chunk(APIFixtures.event("ADDED", pod("a", "1001"))),
        .chunk(APIFixtures.bookmark(kind: "Pod", resourceVersion: "1010")), .end,
      ])
    // … breaks the second in the middle of a line …
    let modified = APIFixtures.event("MODIFIED", pod("a", "1011"))
    server.addWatch(
      path,
      [
        .chunk(modified), .chunk(String(APIFixtures.event("DELETED", pod("a", "1012")).prefix(80))),
        .abort,
      ])
    // … and the third delivers the deletion again, whole.
    server.addWatch(path, [.chunk(APIFixtures.event("DELETED", pod("a", "1012")))])
    let seen = try await run(server, resource: pods, count: 4, requests: 4)
    #expect(
      seen == [.synced([], "1000"), .added("a@1001"), .modified("a@1011"), .deleted("a@1012")])
    let watches = server.requests.filter { $0.query["watch"] == "true" }
    #expect(watches.map { $0.query["resourceVersion"] } == ["1000", "1010", "1011"])
    #expect(server.requests.count(where: { $0.query["watch"] == nil }) == 1)
    try await server.stop()
  }

  @Test func missingGatewayAPIIsReportedOnceThenPickedUpWhenInstalled() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    let gateways = KubeResource.inventory(kind: "Gateway")!
    let path = "/apis/gateway.networking.k8s.io/v1/gateways"
    let seen = try await run(server, resource: gateways, count: 2) { seen in
      guard seen == .notInstalled else { return }
      // Installed later: after a few quiet re-checks, the list succeeds.
      // Unstructured so that the handler returns and the watcher keeps re-checking meanwhile.
      Task {
        _ = try await server.waitForRequests { $0.count >= 3 }
        server.setList(path, kind: "GatewayList", resourceVersion: "5", items: [])
      }
    }
    #expect(seen == [.notInstalled, .synced([], "5")])
    let lists = server.requests.filter { $0.query["watch"] == nil }
    #expect(lists.count >= 4)
    try await server.stop()
  }

  @Test func handlerErrorStopsTheWatcher() async throws {
    struct Stop: Error {}
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    server.setList("/api/v1/pods", kind: "PodList", resourceVersion: "1", items: [])
    try await TestSupport.withClient(try TestSupport.configuration(server, token: .inline("good")))
    {
      client in
      let watcher = ResourceWatcher(
        resource: pods, client: client, configuration: fast, logger: TestSupport.logger)
      await #expect(throws: Stop.self) {
        try await watcher.run { _ in throw Stop() }
      }
    }
    try await server.stop()
  }
}
