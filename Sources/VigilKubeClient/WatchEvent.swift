import VigilJSON

/// One event of a watch stream: its type, the object as raw JSON, and its resource version.
public struct WatchEvent: Sendable {
  /// The event types of the watch protocol.
  public enum EventType: String, Sendable, Equatable {
    /// The object was created (or existed when the watch started from an old version).
    case added = "ADDED"
    /// The object changed.
    case modified = "MODIFIED"
    /// The object was deleted; `object` is its last state.
    case deleted = "DELETED"
    /// No change: only `metadata.resourceVersion` of the object, a point to resume from.
    case bookmark = "BOOKMARK"
    /// The watch failed; `object` is a Status (code 410 when the version expired).
    case error = "ERROR"
  }

  /// The event type.
  public var type: EventType
  /// The object's JSON (a Status for `.error`), a view into the event's parsed line.
  public var object: JSONValue
  /// `object.metadata.resourceVersion`, if present.
  public var resourceVersion: String?

  /// Creates an event.
  public init(type: EventType, object: JSONValue, resourceVersion: String?) {
    self.type = type
    self.object = object
    self.resourceVersion = resourceVersion
  }

  /// Reads one watch line `{"type":"ADDED","object":{…}}`.
  public init(line: JSONDocument) throws(KubeClientError) {
    let root = line.root
    guard let typeName = root["type"]?.string, let type = EventType(rawValue: typeName) else {
      throw KubeClientError(.invalidResponse, "watch event without a known type")
    }
    guard let object = root["object"], object.kind == .object else {
      throw KubeClientError(.invalidResponse, "watch event \(typeName) without an object")
    }
    self.init(
      type: type, object: object,
      resourceVersion: object.value(atPath: "metadata", "resourceVersion")?.string)
  }

  /// The Status of an `.error` event.
  public var status: KubeStatus? { type == .error ? KubeStatus(object) : nil }
}
