import AsyncHTTPClient
import Logging
import NIOCore
import ServiceLifecycle
import VigilCore
import VigilDetect

/// Loads the configured threat-intel feeds at start and keeps them current: files are checked
/// for changes, URLs fetched again on their interval (async-http-client); whenever a feed
/// changes, the indicator set of every feed is rebuilt and handed to the detectors. A feed that
/// cannot be read keeps its last good indicators and is logged.
struct ThreatFeedService: Service {
  let feeds: [ThreatFeed]
  let detection: LiveNetworkDetection
  let logger: Logger
  /// How often feeds are looked at.
  var interval: Duration = .seconds(10)
  /// The largest feed fetched over HTTP.
  static let maxFeedBytes = 512 << 20

  /// Fetches a URL with the process-wide client.
  static let fetch: ThreatFeedLoader.Fetch = { url in
    let response = try await HTTPClient.shared.execute(
      HTTPClientRequest(url: url), timeout: .seconds(120))
    guard response.status.code == 200 else {
      throw FetchFailure(description: "HTTP \(response.status.code)")
    }
    let body = try await response.body.collect(upTo: maxFeedBytes)
    return Array(body.readableBytesView)
  }

  struct FetchFailure: Error, CustomStringConvertible {
    var description: String
  }

  func run() async throws {
    var loaders = feeds.map { ThreatFeedLoader(feed: $0, fetch: Self.fetch) }
    var latest: [String: [Indicator]] = [:]
    while !Task.isCancelled && !Task.isShuttingDownGracefully {
      var changed = false
      for index in loaders.indices {
        do {
          guard let result = try await loaders[index].loadIfDue(now: .now) else { continue }
          let feed = loaders[index].feed.name
          latest[feed] = result.indicators
          changed = true
          var metadata: Logger.Metadata = [
            "feed": "\(feed)", "indicators": "\(result.indicators.count)",
            "skipped": "\(result.skipped)",
          ]
          if let first = result.problems.first { metadata["first.problem"] = "\(first)" }
          logger.info("threat feed loaded", metadata: metadata)
        } catch {
          logger.warning("cannot load threat feed", metadata: ["error": "\(error)"])
        }
      }
      if changed {
        let set = IndicatorSet(latest.values.joined())
        detection.replaceIndicators(set)
      }
      do {
        try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
      } catch {
        return
      }
    }
  }
}
