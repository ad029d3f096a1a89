import Hummingbird
import NIOCore

/// The per-request context: hummingbird's core storage plus the connection's channel, from which
/// the TLS handler yields the verified client certificate and the peer address.
struct WebhookRequestContext: RequestContext {
  /// Hummingbird's per-request storage (logger, endpoint path, parameters).
  var coreContext: CoreRequestContextStorage
  /// The connection the request arrived on.
  let channel: any Channel

  /// Creates the context for one request.
  init(source: ApplicationRequestContextSource) {
    self.coreContext = .init(source: source)
    self.channel = source.channel
  }

  /// The peer's IP address, or `unknown`.
  var clientAddress: String { channel.remoteAddress?.ipAddress ?? "unknown" }
}
