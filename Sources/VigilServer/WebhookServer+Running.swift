import Hummingbird

extension WebhookServer {
  /// Runs the server, calls `body` with the bound port once it listens, then stops the server
  /// (for tests and tools; `vigil serve` runs ``makeApplication(onListening:)`` in its
  /// `ServiceGroup` instead). Throws the server's error if it stops before listening.
  public func withRunning<T>(_ body: (_ port: Int) async throws -> T) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let application = try makeApplication { port in
      continuation.yield(port)
      continuation.finish()
    }
    return try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        defer { continuation.finish() }
        try await application.run()
      }
      var iterator = ports.makeAsyncIterator()
      guard let port = await iterator.next() else {
        try await group.waitForAll()
        throw WebhookServerError(.stoppedBeforeListening, detail: configuration.host)
      }
      let result: T
      do {
        result = try await body(port)
      } catch {
        group.cancelAll()
        throw error
      }
      group.cancelAll()
      while (try? await group.next()) != nil {}
      return result
    }
  }
}
