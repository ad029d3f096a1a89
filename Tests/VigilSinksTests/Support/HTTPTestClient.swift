import AsyncHTTPClient
import NIOPosix
import VigilHTTPTesting

/// Runs `body` with a fresh `HTTPClient` on the shared event loops and shuts it down after.
func withHTTPClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
  let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
  do {
    let value = try await body(client)
    try await client.shutdown()
    return value
  } catch {
    try? await client.shutdown()
    throw error
  }
}

/// A URL on 127.0.0.1 where nothing listens (a receiver's port, closed again).
func refusedURL() async throws -> String {
  let receiver = try await HTTPTestReceiver()
  try await receiver.stop()
  return receiver.url
}
