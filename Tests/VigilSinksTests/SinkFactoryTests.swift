import Testing
import VigilPipeline

@testable import VigilSinks

@Suite struct SinkFactoryTests {
  static func sink(
    _ kind: SinkConfiguration.Kind, name: String = "s", url: String? = nil, path: String? = nil,
    maxAttempts: Int = 8
  ) -> SinkConfiguration {
    var sink = SinkConfiguration(name: name, kind: kind)
    sink.url = url
    sink.path = path
    sink.maxAttempts = maxAttempts
    return sink
  }

  @Test(arguments: [
    (SinkFactoryTests.sink(.webhook), SinkConfigurationError.Code.missingURL),
    (SinkFactoryTests.sink(.slack, url: ""), .missingURL),
    (SinkFactoryTests.sink(.webhook, url: "ftp://example.com/x"), .invalidURL),
    (SinkFactoryTests.sink(.falcosidekick, url: "http://"), .invalidURL),
    (SinkFactoryTests.sink(.webhook, url: "http://host:99999/"), .invalidURL),
    (SinkFactoryTests.sink(.webhook, url: "http://exa mple.com/"), .invalidURL),
    (SinkFactoryTests.sink(.webhook, url: "example.com/hook"), .invalidURL),
    (SinkFactoryTests.sink(.file), .missingPath),
    (SinkFactoryTests.sink(.stdout, maxAttempts: 0), .invalidValue),
    (SinkFactoryTests.sink(.stdout, name: ""), .missingName),
  ])
  func rejectsBadConfigurations(sink: SinkConfiguration, code: SinkConfigurationError.Code) {
    let error = #expect(throws: SinkConfigurationError.self) { try SinkFactory.validate(sink) }
    #expect(error?.code == code)
    #expect(error?.sink == sink.name)
    #expect(error?.description.contains("sink \"\(sink.name)\"") == true)
  }

  @Test(arguments: [
    "http://127.0.0.1:2801/", "https://hooks.slack.com/services/T/B/X", "http://[::1]:8080/x",
    "HTTPS://falcosidekick", "http://user@host/path?q=1",
  ])
  func acceptsHTTPURLs(url: String) throws {
    try SinkFactory.validate(Self.sink(.webhook, url: url))
  }

  @Test func makesTheSenderOfEachKind() async throws {
    let directory = SinkFixtures.temporaryDirectory()
    try await withHTTPClient { client throws in
      func make(_ sink: SinkConfiguration) throws -> any AlertSender {
        try SinkFactory.make(sink, httpClient: client, logger: SinkFixtures.logger)
      }
      let url = "http://127.0.0.1:1/"
      let file = Self.sink(.file, path: directory + "/a/alerts.json")
      #expect(try make(Self.sink(.stdout)) is StandardOutputSender)
      #expect(try make(file) is RotatingFileSender)
      #expect(try make(Self.sink(.webhook, url: url)) is WebhookSender)
      #expect(try make(Self.sink(.slack, url: url)) is SlackSender)
      #expect(try make(Self.sink(.falcosidekick, url: url)) is FalcosidekickSender)
    }
    #expect(SinkFixtures.contents(of: directory + "/a/alerts.json") == "")
  }

  @Test func reportsAnUnwritableFile() async throws {
    try await withHTTPClient { client in
      let error = #expect(throws: SinkConfigurationError.self) {
        try SinkFactory.make(
          Self.sink(.file, path: "/proc/vigil-cannot/alerts.json"), httpClient: client,
          logger: SinkFixtures.logger)
      }
      #expect(error?.code == .fileNotWritable)
    }
  }
}
