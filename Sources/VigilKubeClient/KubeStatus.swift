import VigilJSON

/// A `meta.k8s.io/v1` Status object: what the API server sends with errors, as a response body
/// or as the object of a watch ERROR event.
public struct KubeStatus: Sendable, Equatable {
  /// The HTTP-like code (`410` when a watch's resource version expired).
  public var code: Int?
  /// The machine-readable reason (`Expired`, `Gone`, `Unauthorized`).
  public var reason: String
  /// The human-readable message.
  public var message: String

  /// Creates a status.
  public init(code: Int?, reason: String = "", message: String = "") {
    self.code = code
    self.reason = reason
    self.message = message
  }

  /// Reads a Status object; nil when `value` is not one.
  public init?(_ value: JSONValue) {
    guard value.kind == .object, value["kind"]?.string == "Status" else { return nil }
    code = value["code"]?.int.map { Int($0) }
    reason = value["reason"]?.string ?? ""
    message = value["message"]?.string ?? ""
  }

  /// Reads a Status from a response body; nil when the body is not one.
  init?(body: [UInt8]) {
    guard let document = try? JSONDocument(parsing: body) else { return nil }
    self.init(document.root)
  }

  /// Whether this status says the resource version is too old (410, `Expired`/`Gone`).
  public var isExpired: Bool { code == 410 || reason == "Expired" || reason == "Gone" }
}
