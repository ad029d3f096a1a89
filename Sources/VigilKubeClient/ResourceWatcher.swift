import Logging
import VigilJSON

/// Keeps one resource in view forever, like client-go's reflector: lists it, then watches from
/// the list's resource version; resumes from the last version seen (bookmarks included) when a
/// watch ends, lists again when the version expired (410), and retries errors with jittered
/// exponential backoff. It keeps no objects: the handler owns the state.
public struct ResourceWatcher: Sendable {
  /// What the handler receives.
  public enum Delivery: Sendable {
    /// The complete current set after a (re)list; objects absent from it were deleted meanwhile.
    case synced([JSONValue], resourceVersion: String)
    /// An object was created.
    case added(JSONValue)
    /// An object changed.
    case modified(JSONValue)
    /// An object was deleted (its last state).
    case deleted(JSONValue)
    /// An optional resource's API is not served (404 on list); sent once, then re-checked
    /// quietly every `notInstalledRecheck`.
    case notInstalled
  }

  /// Paging, timeouts and backoff.
  public struct Configuration: Sendable {
    /// Limit to one namespace; nil watches all.
    public var namespace: String?
    /// Objects per list page.
    public var pageSize: Int
    /// The server-side timeout of each watch request.
    public var watchTimeoutSeconds: Int
    /// The first retry delay after an error.
    public var initialBackoff: Duration
    /// The largest retry delay.
    public var maximumBackoff: Duration
    /// How often an optional resource that is not installed is looked for again.
    public var notInstalledRecheck: Duration
    /// A watch that ends sooner than this without any event counts as a failure (backoff), so
    /// a server that closes streams at once is not hammered.
    public var minimumWatchDuration: Duration

    /// Creates a configuration.
    public init(
      namespace: String? = nil, pageSize: Int = 500, watchTimeoutSeconds: Int = 300,
      initialBackoff: Duration = .milliseconds(500), maximumBackoff: Duration = .seconds(30),
      notInstalledRecheck: Duration = .seconds(300), minimumWatchDuration: Duration = .seconds(1)
    ) {
      self.namespace = namespace
      self.pageSize = pageSize
      self.watchTimeoutSeconds = watchTimeoutSeconds
      self.initialBackoff = initialBackoff
      self.maximumBackoff = maximumBackoff
      self.notInstalledRecheck = notInstalledRecheck
      self.minimumWatchDuration = minimumWatchDuration
    }
  }

  /// The resource watched.
  public let resource: KubeResource
  /// Paging, timeouts and backoff.
  public let configuration: Configuration
  private let client: KubeClient
  private let logger: Logger

  /// Creates a watcher; nothing happens until `run(_:)`.
  public init(
    resource: KubeResource, client: KubeClient, configuration: Configuration = Configuration(),
    logger: Logger
  ) {
    self.resource = resource
    self.client = client
    self.configuration = configuration
    var logger = logger
    logger[metadataKey: "k8s.resource"] = "\(resource)"
    self.logger = logger
  }

  /// Lists and watches until the task is cancelled (then returns) or `handler` throws (then
  /// rethrows that error). Client errors never end the loop.
  public func run(_ handler: (Delivery) async throws -> Void) async throws {
    var state = LoopState(
      backoff: RetryBackoff(
        initial: configuration.initialBackoff, maximum: configuration.maximumBackoff))
    while !Task.isCancelled {
      do {
        try await cycle(&state, handler)
      } catch let failure as HandlerFailure {
        throw failure.error
      } catch {
        if Task.isCancelled || error is CancellationError { return }
        guard let pause = handle(error, &state) else { continue }
        if state.notInstalled, !state.reportedNotInstalled {
          state.reportedNotInstalled = true
          try await handler(.notInstalled)
        }
        do { try await Task.sleep(for: pause) } catch { return }
      }
    }
  }

  /// What persists across cycles: where to resume, and the failure history.
  private struct LoopState {
    /// The version to watch from; nil means list first.
    var resourceVersion: String?
    var backoff: RetryBackoff
    /// The last list failed with 404 on an optional resource.
    var notInstalled = false
    var reportedNotInstalled = false

    /// Resumes after `event` next time (bookmarks carry only this).
    mutating func advance(past event: WatchEvent) {
      if let version = event.resourceVersion { resourceVersion = version }
    }
  }

  /// A handler's own error, carried out of the loop untouched.
  private struct HandlerFailure: Error {
    var error: any Error
  }

  /// One list (when needed) and one watch, to its end.
  private func cycle(_ state: inout LoopState, _ handler: (Delivery) async throws -> Void)
    async throws
  {
    if state.resourceVersion == nil {
      let list = try await client.listAll(
        resource, namespace: configuration.namespace, pageSize: configuration.pageSize)
      if state.reportedNotInstalled {
        logger.info("resource is now served")
      }
      state.notInstalled = false
      state.reportedNotInstalled = false
      state.resourceVersion = list.resourceVersion
      logger.debug(
        "listed",
        metadata: ["k8s.count": "\(list.items.count)", "k8s.rv": "\(list.resourceVersion)"])
      try await deliver(.synced(list.items, resourceVersion: list.resourceVersion), handler)
    }
    guard let from = state.resourceVersion else { return }
    let started = ContinuousClock.now
    var events = 0
    let stream = try await client.watch(
      resource, namespace: configuration.namespace, resourceVersion: from,
      timeoutSeconds: configuration.watchTimeoutSeconds)
    for try await event in stream {
      events += 1
      switch event.type {
      case .added:
        state.advance(past: event)
        try await deliver(.added(event.object), handler)
      case .modified:
        state.advance(past: event)
        try await deliver(.modified(event.object), handler)
      case .deleted:
        state.advance(past: event)
        try await deliver(.deleted(event.object), handler)
      case .bookmark:
        state.advance(past: event)
      case .error:
        let status = event.status ?? KubeStatus(code: nil, message: "ERROR event without a Status")
        if status.isExpired {
          throw KubeClientError(.gone, "watch \(resource): \(status.message)", status: 410)
        }
        throw KubeClientError(
          .watchError, "watch \(resource): \(status.message)", status: status.code)
      }
      state.backoff.reset()
    }
    if events == 0, ContinuousClock.now - started < configuration.minimumWatchDuration {
      throw KubeClientError(.transport, "watch \(resource) ended at once without events")
    }
    logger.trace("watch ended; resuming", metadata: ["k8s.rv": "\(state.resourceVersion ?? "")"])
  }

  private func deliver(_ delivery: Delivery, _ handler: (Delivery) async throws -> Void)
    async throws
  {
    do {
      try await handler(delivery)
    } catch {
      throw HandlerFailure(error: error)
    }
  }

  /// Updates the state after a failed cycle; the pause before the next, or nil to go on at once.
  private func handle(_ error: any Error, _ state: inout LoopState) -> Duration? {
    let clientError = error as? KubeClientError
    switch clientError?.code {
    case .gone?:
      // The version expired: list again, at once after a watch that worked, with backoff when
      // it keeps happening without any event in between.
      logger.info("resource version expired; listing again", metadata: ["error": "\(error)"])
      state.resourceVersion = nil
      let pause = state.backoff.next()
      return state.backoff.failures == 1 ? nil : pause
    case .notFound? where resource.optional:
      // The API is not served (the CRD is absent, or was removed): look again later, quietly.
      state.resourceVersion = nil
      state.notInstalled = true
      if !state.reportedNotInstalled {
        logger.notice("resource not served (optional API not installed)")
      }
      return configuration.notInstalledRecheck
    default:
      let pause = state.backoff.next()
      logger.warning(
        "list/watch failed; retrying",
        metadata: [
          "error": "\(error)", "retry.in": "\(pause)",
          "retry.failures": "\(state.backoff.failures)",
        ])
      return pause
    }
  }
}
