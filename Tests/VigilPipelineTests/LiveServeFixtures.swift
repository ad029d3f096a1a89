import Foundation
import VigilCore
import VigilJSON

/// Audit bodies as the kube-apiserver's webhook sends them, and a scratch directory, for the
/// live-serve tests.
enum LiveServeFixtures {
  /// One `pods/exec` audit event (ResponseComplete) as JSON text.
  static func execEvent(id: String, user: String = "alice", namespace: String = "payments")
    -> String
  {
    """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request","auditID":\(JSONText.quoted(id)),\
    "stage":"ResponseComplete","requestURI":"/api/v1/namespaces/\(namespace)/pods/api-0/exec?command=sh",\
    "verb":"create","user":{"username":\(JSONText.quoted(user)),"groups":["devs"]},\
    "sourceIPs":["203.0.113.7"],"userAgent":"kubectl/v1.30.0",\
    "objectRef":{"resource":"pods","namespace":\(JSONText.quoted(namespace)),"name":"api-0","subresource":"exec","apiVersion":"v1"},\
    "responseStatus":{"code":101},"requestReceivedTimestamp":"2026-11-29T10:00:00.000000Z",\
    "stageTimestamp":"2026-11-29T10:00:00.100000Z"}
    """
  }

  /// A `get pods` event that raises nothing.
  static func readEvent(id: String) -> String {
    """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":\(JSONText.quoted(id)),\
    "stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods","verb":"list",\
    "user":{"username":"system:serviceaccount:default:ci"},"sourceIPs":["10.0.0.4"],\
    "objectRef":{"resource":"pods","namespace":"default","apiVersion":"v1"},\
    "responseStatus":{"code":200},"requestReceivedTimestamp":"2026-11-29T10:00:00.000000Z",\
    "stageTimestamp":"2026-11-29T10:00:00.010000Z"}
    """
  }

  /// An EventList holding `events` (JSON texts).
  static func eventList(_ events: [String]) -> [UInt8] {
    Array(
      #"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":["#.utf8)
      + Array(events.joined(separator: ",").utf8) + Array("]}".utf8)
  }

  /// A rule pack with one exec rule.
  static let execRule = """
    - rule: Exec Into Pod
      desc: exec into a pod
      condition: ka.verb=create and ka.target.subresource=exec
      output: exec by %ka.user.name into %ka.target.namespace/%ka.target.name
      priority: WARNING
      source: k8s_audit
      tags: [k8s, T1609]
    """

  /// A fresh temporary directory.
  static func directory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-serve-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
