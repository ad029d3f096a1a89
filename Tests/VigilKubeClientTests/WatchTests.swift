import Testing
import VigilHTTPTesting
import VigilJSON

@testable import VigilKubeClient

@Suite struct WatchTests {
  private let pods = KubeResource.inventory(kind: "Pod")!

  @Test func chunkSplitLinesBecomeEventsInOrder() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    let text =
      APIFixtures.event(
        "ADDED", APIFixtures.pod(name: "web-1", ip: "10.244.2.5", resourceVersion: "1001", uid: "a")
      )
      + APIFixtures.event(
        "MODIFIED",
        APIFixtures.pod(name: "web-1", ip: "10.244.2.5", resourceVersion: "1002", uid: "a"))
      + APIFixtures.bookmark(kind: "Pod", resourceVersion: "1050")
      + APIFixtures.event(
        "DELETED",
        APIFixtures.pod(name: "web-1", ip: "10.244.2.5", resourceVersion: "1051", uid: "a"))
    // Pieces that cut inside keys, strings, escapes and right before and after newlines.
    let pieces = APIFixtures.split(text, sizes: [9, 1, 700, 3, 1900, 1, 1, 2500, 40, 2])
    server.addWatch("/api/v1/pods", pieces.map { .chunk($0) } + [.end])
    let events = try await TestSupport.withClient(
      try TestSupport.configuration(server, token: .inline("good"))
    ) { client in
      var events: [WatchEvent] = []
      for try await event in try await client.watch(
        pods, resourceVersion: "1000", timeoutSeconds: 30)
      {
        events.append(event)
      }
      return events
    }
    #expect(pieces.count > 8)
    #expect(events.map(\.type) == [.added, .modified, .bookmark, .deleted])
    #expect(events.map(\.resourceVersion) == ["1001", "1002", "1050", "1051"])
    #expect(events[0].object.value(atPath: "status", "podIP")?.string == "10.244.2.5")
    let request = try #require(server.requests.first)
    #expect(request.query["watch"] == "true")
    #expect(request.query["allowWatchBookmarks"] == "true")
    #expect(request.query["resourceVersion"] == "1000")
    #expect(request.query["timeoutSeconds"] == "30")
    try await server.stop()
  }

  @Test func expiredVersionStatusIsAnErrorEventAndHTTP410Throws() async throws {
    let server = try await FakeAPIServer(authentication: .token, tokens: ["good"])
    server.addWatch("/api/v1/pods", [.chunk(APIFixtures.expired), .end])
    try await TestSupport.withClient(try TestSupport.configuration(server, token: .inline("good")))
    {
      client in
      var events: [WatchEvent] = []
      for try await event in try await client.watch(pods, resourceVersion: "100") {
        events.append(event)
      }
      #expect(events.map(\.type) == [.error])
      #expect(events.first?.status?.code == 410)
      #expect(events.first?.status?.isExpired == true)
      // The next watch is refused with HTTP 410 before any event.
      server.addWatchStatus("/api/v1/pods", 410)
      let gone = await #expect(throws: KubeClientError.self) {
        _ = try await client.watch(pods, resourceVersion: "100")
      }
      #expect(gone?.code == .gone)
    }
    try await server.stop()
  }
}
