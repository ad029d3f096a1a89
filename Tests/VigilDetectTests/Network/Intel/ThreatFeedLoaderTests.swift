import Foundation
import Testing

@testable import VigilDetect

@Suite("ThreatFeedLoader")
struct ThreatFeedLoaderTests {
  @Test("a file feed reloads when it changes, not before; URL feeds go through fetch")
  func reloads() async throws {
    let path =
      NSTemporaryDirectory() + "vigil-feed-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "198.51.100.7\n".write(toFile: path, atomically: true, encoding: .utf8)
    var loader = ThreatFeedLoader(
      feed: ThreatFeed(
        name: "f", location: ThreatFeed.Location(path), format: .text, reloadInterval: .zero))
    let start = ContinuousClock.now
    #expect(try await loader.loadIfDue(now: start)?.indicators.count == 1)
    #expect(try await loader.loadIfDue(now: start + .seconds(1)) == nil)
    try "198.51.100.7\nevil.example\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try await loader.loadIfDue(now: start + .seconds(2))?.indicators.count == 2)

    var missing = ThreatFeedLoader(
      feed: ThreatFeed(name: "m", location: .file(path + ".none"), format: .text))
    await #expect(throws: ThreatFeedLoader.LoadError.self) { try await missing.load() }

    var remote = ThreatFeedLoader(
      feed: ThreatFeed(
        name: "r", location: ThreatFeed.Location("https://feeds.example/x.json"), format: .stix),
      fetch: { url in
        Array(#"{"type":"indicator","pattern":"[domain-name:value = 'r.example']"}"#.utf8)
      })
    #expect(try await remote.load().indicators.map(\.value) == ["r.example"])
    var noFetcher = ThreatFeedLoader(
      feed: ThreatFeed(name: "n", location: .url("https://feeds.example/y"), format: .text))
    do {
      _ = try await noFetcher.load()
      Issue.record("loaded a URL feed without a fetcher")
    } catch {
      #expect(error.code == .noFetcher)
    }
  }
}
