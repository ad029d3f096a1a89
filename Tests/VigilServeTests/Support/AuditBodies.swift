import Foundation
import VigilTesting

/// Audit webhook bodies for the end-to-end tests.
enum AuditBodies {
  /// The repository root (rules/ lives there).
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// An EventList of the Falco trace events named (files in anchors/falco-k8saudit/events/).
  static func falcoEventList(_ names: [String]) throws -> [UInt8] {
    let events = try names.map { name in
      let url = try SharedData.require("anchors/falco-k8saudit/events/\(name).json")
      return try String(contentsOf: url, encoding: .utf8)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return eventList(events)
  }

  /// A `pods/exec` event with its own id and pod name (so every alert is its own row).
  static func exec(id: String, pod: String) -> String {
    """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":"\(id)",\
    "stage":"ResponseStarted","requestURI":"/api/v1/namespaces/shop/pods/\(pod)/exec?command=sh",\
    "verb":"create","user":{"username":"alice@example.com","groups":["devs"]},\
    "sourceIPs":["203.0.113.7"],"userAgent":"kubectl/v1.30.0",\
    "objectRef":{"resource":"pods","namespace":"shop","name":"\(pod)","subresource":"exec","apiVersion":"v1"},\
    "responseStatus":{"code":101},"requestReceivedTimestamp":"2026-11-29T10:00:00.000000Z",\
    "stageTimestamp":"2026-11-29T10:00:00.100000Z"}
    """
  }

  /// An EventList of JSON event texts.
  static func eventList(_ events: [String]) -> [UInt8] {
    Array(
      (#"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":["#
        + events.joined(separator: ",") + "]}").utf8)
  }

  /// A fresh temporary directory.
  static func directory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-serve-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
