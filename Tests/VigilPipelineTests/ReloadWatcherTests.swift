import Foundation
import Logging
import Testing

@testable import VigilPipeline

/// File changes (rewrite, atomic rename) and SIGHUP become reload triggers; nothing else does.
/// Serialized: a SIGHUP reaches every watcher of the process.
@Suite(.serialized) struct ReloadWatcherTests {
  static let logger = Logger(label: "test.reload")

  /// A fast-polling watcher of `paths`.
  static func watch(_ paths: [String], signal: Bool = false) async -> AsyncStream<ReloadTrigger> {
    var configuration = ReloadWatcher.Configuration(paths: paths)
    configuration.interval = .milliseconds(25)
    configuration.quietPeriod = .milliseconds(25)
    configuration.watchesSignal = signal
    return await ReloadWatcher(configuration, logger: logger).triggers()
  }

  /// The next trigger, or nil when none comes within `timeout` (a timeout ends the stream).
  static func next(_ stream: AsyncStream<ReloadTrigger>, within timeout: Duration) async
    -> ReloadTrigger?
  {
    await withTaskGroup(of: ReloadTrigger?.self) { group in
      group.addTask {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
      }
      group.addTask {
        try? await Task.sleep(for: timeout)
        return nil
      }
      let first = await group.next() ?? nil
      group.cancelAll()
      return first
    }
  }

  @Test func rewritingAWatchedFileTriggers() async throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let path = try fixture.write("config.yaml", "store: a.db\n")
    let rules = try fixture.write("rules.yaml", "- list: x\n  items: []\n")
    let triggers = await Self.watch([path, rules])
    try "store: b.db\nlog: {level: debug}\n".write(
      toFile: rules, atomically: false, encoding: .utf8)
    #expect(await Self.next(triggers, within: .seconds(5)) == .fileChanged(rules))
  }

  @Test func atomicRenameOverAWatchedFileTriggersOnce() async throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let path = try fixture.write("config.yaml", "store: a.db\n")
    let triggers = await Self.watch([path])
    // Same size, new inode: what a ConfigMap update (a symlink swap) or `mv` does.
    let staged = try fixture.write(".config.yaml.tmp", "store: b.db\n")
    #expect(rename(staged, path) == 0)
    #expect(await Self.next(triggers, within: .seconds(5)) == .fileChanged(path))
    #expect(await Self.next(triggers, within: .milliseconds(300)) == nil)
  }

  @Test func hangUpSignalTriggersAndTheProcessSurvives() async throws {
    let triggers = await Self.watch([], signal: true)
    #expect(kill(getpid(), SIGHUP) == 0)
    #expect(await Self.next(triggers, within: .seconds(5)) == .signal)
    #expect(kill(getpid(), SIGHUP) == 0)
    #expect(await Self.next(triggers, within: .seconds(5)) == .signal)
  }

  @Test func nothingChangedNoTrigger() async throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let path = try fixture.write("config.yaml", "store: a.db\n")
    let triggers = await Self.watch([path, fixture.directory.path + "/absent.yaml"], signal: true)
    #expect(await Self.next(triggers, within: .milliseconds(300)) == nil)
  }

  @Test func cancellingTheConsumerEndsTheStream() async throws {
    let fixture = try ConfigFixture()
    defer { fixture.remove() }
    let path = try fixture.write("config.yaml", "store: a.db\n")
    let triggers = await Self.watch([path], signal: true)
    let consumer = Task {
      var count = 0
      for await _ in triggers { count += 1 }
      return count
    }
    consumer.cancel()
    #expect(await consumer.value == 0)
    // A signal after the watcher ended still does not kill the process.
    #expect(kill(getpid(), SIGHUP) == 0)
  }
}
