import AsyncHTTPClient
import Foundation
import VigilPipeline
import VigilRules
import VigilSinks

/// `vigil serve --check`: loads the rules and validates every sink without serving.
enum ServeCheck {
  static func run(_ configuration: ServeConfiguration) throws {
    _ = try RuleSet.load(files: configuration.rules.map { URL(fileURLWithPath: $0) })
    for sink in configuration.sinks { try SinkFactory.validate(sink) }
    for spec in configuration.network.threatFeeds { _ = try ThreatFeedSpec.parse(spec) }
  }
}
