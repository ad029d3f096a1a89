import Dispatch
import Logging
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why the server should reload its configuration and rules.
public enum ReloadTrigger: Sendable, Hashable {
  /// The process received SIGHUP.
  case signal
  /// A watched file changed (rewritten, replaced by a rename, created or removed).
  case fileChanged(String)
}

/// Watches files by polling (device, inode, size, mtime and ctime, following symlinks, so an
/// atomic rename, as Kubernetes does for ConfigMap and Secret volumes, is seen) and SIGHUP, and
/// delivers reload triggers as an `AsyncStream`.
///
/// Bursts coalesce: files changed within one poll and the following ``Configuration/quietPeriod``
/// give one trigger, and while the consumer is busy at most one trigger waits (the newest).
/// Ending the iteration (or cancelling the task iterating) stops the polling and cancels the
/// signal source. SIGHUP's default action (terminate) is replaced by "ignore" the first time a
/// watcher starts and stays so, so a late SIGHUP never kills the server.
public struct ReloadWatcher: Sendable {
  /// What to watch and how often.
  public struct Configuration: Sendable {
    /// The files watched.
    public var paths: [String]
    /// How often the files are compared.
    public var interval: Duration = .seconds(1)
    /// After a change, how long the files must stay unchanged before the trigger goes out.
    public var quietPeriod: Duration = .milliseconds(100)
    /// Whether SIGHUP triggers a reload.
    public var watchesSignal = true

    /// Watches `paths` with the defaults.
    public init(paths: [String]) {
      self.paths = paths
    }
  }

  /// What is watched.
  public let configuration: Configuration
  private let logger: Logger

  /// Creates a watcher; nothing is watched until ``triggers()``.
  public init(_ configuration: Configuration, logger: Logger) {
    self.configuration = configuration
    self.logger = logger
  }

  /// Starts watching and returns the triggers. When this returns the files' current state is
  /// recorded and the signal source is armed, so any later change or SIGHUP is reported.
  public func triggers() async -> AsyncStream<ReloadTrigger> {
    let (stream, continuation) = AsyncStream.makeStream(
      of: ReloadTrigger.self, bufferingPolicy: .bufferingNewest(1))
    let signalSource = configuration.watchesSignal ? await armSignal(continuation) : nil
    let initial = FileSnapshot.take(configuration.paths)
    let configuration = self.configuration
    let logger = self.logger
    // The stream's producer: owned by the stream, cancelled by its onTermination below.
    let poller = Task {
      await Self.poll(configuration, from: initial, into: continuation, logger: logger)
    }
    continuation.onTermination = { _ in
      poller.cancel()
      signalSource?.cancel()
    }
    return stream
  }

  /// Polls until cancelled, yielding one trigger per settled burst of changes.
  private static func poll(
    _ configuration: Configuration, from initial: [FileSnapshot?],
    into continuation: AsyncStream<ReloadTrigger>.Continuation, logger: Logger
  ) async {
    var last = initial
    while !Task.isCancelled {
      do { try await Task.sleep(for: configuration.interval) } catch { return }
      var current = FileSnapshot.take(configuration.paths)
      guard let index = current.indices.first(where: { current[$0] != last[$0] }) else { continue }
      let changed = configuration.paths[index]
      // Let a burst (an editor's several writes, a ConfigMap swapping every file) settle.
      while !Task.isCancelled {
        do { try await Task.sleep(for: configuration.quietPeriod) } catch { return }
        let next = FileSnapshot.take(configuration.paths)
        if next == current { break }
        current = next
      }
      last = current
      logger.debug("watched file changed", metadata: ["file.path": "\(changed)"])
      continuation.yield(.fileChanged(changed))
    }
  }

  /// Ignores SIGHUP's default action (once per process) and arms a Dispatch signal source;
  /// returns after the source is registered.
  private func armSignal(_ continuation: AsyncStream<ReloadTrigger>.Continuation) async
    -> SignalSubscription
  {
    SignalDisposition.ignoreHangUpDefault()
    let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: SignalDisposition.queue)
    let logger = self.logger
    source.setEventHandler {
      logger.debug("SIGHUP received")
      continuation.yield(.signal)
    }
    await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
      source.setRegistrationHandler { registered.resume() }
      source.resume()
    }
    return SignalSubscription(source)
  }
}

/// Owns a Dispatch signal source. `@unchecked Sendable`: Dispatch sources are thread-safe, and the
/// only call made on it after set-up is `cancel()`.
final class SignalSubscription: @unchecked Sendable {
  private let source: any DispatchSourceSignal

  init(_ source: any DispatchSourceSignal) { self.source = source }

  /// Cancels the source; its handlers are released.
  func cancel() { source.cancel() }

  deinit { source.cancel() }
}

/// The process-wide SIGHUP set-up shared by every watcher.
enum SignalDisposition {
  /// The queue signal sources deliver on.
  static let queue = DispatchQueue(label: "vigil.reload-signal")
  private static let done = Mutex(false)

  /// Replaces SIGHUP's default action (terminate) by "ignore", once per process and only while
  /// it is the default: Dispatch installs its own handler when a source registers, and setting
  /// "ignore" again after that would discard the signals the sources wait for.
  static func ignoreHangUpDefault() {
    done.withLock { done in
      guard !done else { return }
      done = true
      var current = sigaction()
      guard sigaction(SIGHUP, nil, &current) == 0 else { return }
      if current.handlerIsDefault { signal(SIGHUP, SIG_IGN) }
    }
  }
}

extension sigaction {
  /// True when the action is `SIG_DFL`.
  fileprivate var handlerIsDefault: Bool {
    #if canImport(Darwin)
      return unsafeBitCast(__sigaction_u.__sa_handler, to: Int.self) == 0
    #else
      return unsafeBitCast(__sigaction_handler.sa_handler, to: Int.self) == 0
    #endif
  }
}
