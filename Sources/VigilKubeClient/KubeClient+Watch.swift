import AsyncHTTPClient
import NIOCore
import VigilJSON

extension KubeClient {
  /// Starts a watch of `resource` from `resourceVersion` (with bookmarks); the server ends the
  /// stream after `timeoutSeconds`. Throws for a non-2xx answer (`gone` for 410); the events
  /// then arrive as the server sends them, read lazily (a slow consumer slows the connection
  /// rather than buffering).
  public func watch(
    _ resource: KubeResource, namespace: String? = nil, resourceVersion: String,
    timeoutSeconds: Int = 300
  ) async throws -> WatchEventSequence {
    let query = [
      ("watch", "true"), ("allowWatchBookmarks", "true"), ("resourceVersion", resourceVersion),
      ("timeoutSeconds", String(timeoutSeconds)),
    ]
    let what = "watch \(resource)"
    let response = try await send(
      resource.path(namespace: namespace), query: query,
      deadline: .seconds(timeoutSeconds) + configuration.requestTimeout, what: what)
    return WatchEventSequence(
      body: response.body, maximumLineBytes: configuration.maximumWatchLineBytes, what: what)
  }
}

/// The events of one watch response, parsed line by line as the body's chunks arrive. Iterate
/// it once: the response body cannot be read twice.
public struct WatchEventSequence: AsyncSequence, Sendable {
  /// Watch events.
  public typealias Element = WatchEvent

  let body: HTTPClientResponse.Body
  let maximumLineBytes: Int
  let what: String

  /// Starts reading the body.
  public func makeAsyncIterator() -> AsyncIterator {
    AsyncIterator(
      chunks: body.makeAsyncIterator(),
      splitter: WatchLineSplitter(maximumLineBytes: maximumLineBytes), what: what)
  }

  /// Reads chunks, splits them into lines and parses each line into an event.
  public struct AsyncIterator: AsyncIteratorProtocol {
    var chunks: HTTPClientResponse.Body.AsyncIterator
    var splitter: WatchLineSplitter
    let what: String
    /// One indexer per stream: its buffers are reused once the consumer drops an event.
    var indexer = JSONIndexer()
    var finished = false

    init(chunks: HTTPClientResponse.Body.AsyncIterator, splitter: WatchLineSplitter, what: String) {
      self.chunks = chunks
      self.splitter = splitter
      self.what = what
    }

    /// The next event; nil when the server ended the stream.
    public mutating func next() async throws -> WatchEvent? {
      while !finished {
        if let line = try splitter.nextLine() { return try event(line) }
        let chunk: ByteBuffer?
        do {
          chunk = try await chunks.next()
        } catch {
          throw KubeClient.transportError(error, what: what)
        }
        guard let chunk else {
          finished = true
          if let rest = splitter.finish() { return try event(rest) }
          return nil
        }
        splitter.append(chunk)
      }
      return nil
    }

    private mutating func event(_ line: [UInt8]) throws(KubeClientError) -> WatchEvent {
      do {
        return try WatchEvent(line: indexer.parse(line))
      } catch let error as KubeClientError {
        throw error
      } catch {
        throw KubeClientError(.invalidResponse, "\(what): \(error)")
      }
    }
  }
}
