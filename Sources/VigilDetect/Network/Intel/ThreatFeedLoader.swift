#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Loads a feed when it is due: a file when its modification time or size changed (checked at
/// most once per reload interval), a URL every reload interval through the `fetch` closure (the
/// server passes one built on its HTTP client; this target does no networking).
public struct ThreatFeedLoader: Sendable {
  /// Fetches a URL's body.
  public typealias Fetch = @Sendable (String) async throws -> [UInt8]

  /// Why a feed could not be read.
  public struct LoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed.
    public enum Code: String, Sendable, Hashable {
      /// The file could not be opened or read.
      case unreadable
      /// A URL feed with no fetch closure configured.
      case noFetcher = "no-fetcher"
      /// The fetch closure threw.
      case fetchFailed = "fetch-failed"
    }

    /// What failed.
    public var code: Code
    /// The feed.
    public var feed: String
    /// The path, URL or underlying error.
    public var detail: String

    /// `feed "x": unreadable file: /path (errno 2)`.
    public var description: String {
      switch code {
      case .unreadable: "feed \"\(feed)\": unreadable file: \(detail)"
      case .noFetcher: "feed \"\(feed)\": no HTTP fetcher configured for \(detail)"
      case .fetchFailed: "feed \"\(feed)\": fetch failed: \(detail)"
      }
    }
  }

  /// The feed.
  public let feed: ThreatFeed
  private let fetch: Fetch?
  private var lastCheck: ContinuousClock.Instant?
  private var lastSignature: FileSignature?

  struct FileSignature: Sendable, Hashable {
    var modified: Int64
    var modifiedNanoseconds: Int64
    var size: Int64
  }

  /// Creates a loader; `fetch` is needed for URL feeds.
  public init(feed: ThreatFeed, fetch: Fetch? = nil) {
    self.feed = feed
    self.fetch = fetch
  }

  /// Reads and parses the feed if it is due and (for files) changed; nil when nothing is new.
  public mutating func loadIfDue(now: ContinuousClock.Instant) async throws(LoadError)
    -> FeedParseResult?
  {
    if let lastCheck, now - lastCheck < feed.reloadInterval { return nil }
    lastCheck = now
    switch feed.location {
    case .file(let path):
      let signature = try Self.signature(path, feed: feed.name)
      guard signature != lastSignature else { return nil }
      let bytes = try Self.readAll(path, feed: feed.name)
      lastSignature = signature
      return feed.parse(bytes)
    case .url(let url):
      guard let fetch else { throw LoadError(code: .noFetcher, feed: feed.name, detail: url) }
      let bytes: [UInt8]
      do {
        bytes = try await fetch(url)
      } catch {
        throw LoadError(code: .fetchFailed, feed: feed.name, detail: "\(url): \(error)")
      }
      return feed.parse(bytes)
    }
  }

  /// Reads and parses the feed now, whatever changed.
  public mutating func load() async throws(LoadError) -> FeedParseResult {
    lastCheck = nil
    lastSignature = nil
    return try await loadIfDue(now: .now) ?? FeedParseResult()
  }

  static func signature(_ path: String, feed: String) throws(LoadError) -> FileSignature {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw LoadError(code: .unreadable, feed: feed, detail: "\(path) (errno \(errno))")
    }
    return FileSignature(
      modified: Int64(info.st_mtim.tv_sec), modifiedNanoseconds: Int64(info.st_mtim.tv_nsec),
      size: Int64(info.st_size))
  }

  /// The whole file.
  static func readAll(_ path: String, feed: String) throws(LoadError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw LoadError(code: .unreadable, feed: feed, detail: "\(path) (errno \(errno))")
    }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw LoadError(code: .unreadable, feed: feed, detail: "\(path) (errno \(errno))")
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
    }
    return out
  }
}
