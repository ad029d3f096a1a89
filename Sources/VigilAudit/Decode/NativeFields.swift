import VigilCore
import VigilJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The members of a native audit event that decoding reads, found in one pass over the root
/// object's keys instead of one lookup each. The first occurrence of a key wins, as with
/// `root[key]`; keys with escapes match by their decoded text.
struct NativeFields {
  /// The object read; positions below are of its members' values (0: absent; 0 is never a member).
  let root: JSONValue
  private(set) var kindAt = 0
  private(set) var auditIDAt = 0
  private(set) var verbAt = 0
  private(set) var requestURIAt = 0
  private(set) var stageAt = 0
  private(set) var levelAt = 0
  private(set) var userAt = 0
  private(set) var impersonatedUserAt = 0
  private(set) var objectRefAt = 0
  private(set) var responseStatusAt = 0
  private(set) var requestReceivedTimestampAt = 0
  private(set) var stageTimestampAt = 0
  private(set) var timestampAt = 0
  private(set) var requestObjectAt = 0
  private(set) var responseObjectAt = 0

  /// The `kind` member.
  var kind: JSONValue? { value(kindAt) }
  /// The `auditID` member.
  var auditID: JSONValue? { value(auditIDAt) }
  /// The `verb` member.
  var verb: JSONValue? { value(verbAt) }
  /// The `requestURI` member.
  var requestURI: JSONValue? { value(requestURIAt) }
  /// The `stage` member.
  var stage: JSONValue? { value(stageAt) }
  /// The `level` member.
  var level: JSONValue? { value(levelAt) }
  /// The `user` member.
  var user: JSONValue? { value(userAt) }
  /// The `impersonatedUser` member.
  var impersonatedUser: JSONValue? { value(impersonatedUserAt) }
  /// The `objectRef` member.
  var objectRef: JSONValue? { value(objectRefAt) }
  /// The `responseStatus` member.
  var responseStatus: JSONValue? { value(responseStatusAt) }
  /// The `requestReceivedTimestamp` member.
  var requestReceivedTimestamp: JSONValue? { value(requestReceivedTimestampAt) }
  /// The `stageTimestamp` member.
  var stageTimestamp: JSONValue? { value(stageTimestampAt) }
  /// The `timestamp` member.
  var timestamp: JSONValue? { value(timestampAt) }
  /// The `requestObject` member.
  var requestObject: JSONValue? { value(requestObjectAt) }
  /// The `responseObject` member.
  var responseObject: JSONValue? { value(responseObjectAt) }

  private func value(_ position: Int) -> JSONValue? {
    root.value(atPosition: position)
  }

  /// The string member at `position` (one of the `…At` positions), nil when absent or not a
  /// string; no value is made for it.
  func string(at position: Int) -> String? {
    root.string(atPosition: position)
  }

  /// Reads the members of `root` (all absent unless it is an object).
  init(_ root: JSONValue) {
    self.root = root
    root.forEachMemberPosition { key, value in
      switch key.count {
      case 4:
        if Self.matches(key, "kind") {
          Self.first(&kindAt, value)
        } else if Self.matches(key, "verb") {
          Self.first(&verbAt, value)
        } else if Self.matches(key, "user") {
          Self.first(&userAt, value)
        }
      case 5:
        if Self.matches(key, "stage") {
          Self.first(&stageAt, value)
        } else if Self.matches(key, "level") {
          Self.first(&levelAt, value)
        }
      case 7:
        if Self.matches(key, "auditID") { Self.first(&auditIDAt, value) }
      case 9:
        // (`sourceIPs` and `userAgent` are read from the document when used.)
        if Self.matches(key, "objectRef") {
          Self.first(&objectRefAt, value)
        } else if Self.matches(key, "timestamp") {
          Self.first(&timestampAt, value)
        }
      case 10:
        if Self.matches(key, "requestURI") { Self.first(&requestURIAt, value) }
      case 13:
        if Self.matches(key, "requestObject") { Self.first(&requestObjectAt, value) }
      case 14:
        if Self.matches(key, "stageTimestamp") {
          Self.first(&stageTimestampAt, value)
        } else if Self.matches(key, "responseStatus") {
          Self.first(&responseStatusAt, value)
        } else if Self.matches(key, "responseObject") {
          Self.first(&responseObjectAt, value)
        }
      case 16:
        if Self.matches(key, "impersonatedUser") { Self.first(&impersonatedUserAt, value) }
      case 24:
        if Self.matches(key, "requestReceivedTimestamp") {
          Self.first(&requestReceivedTimestampAt, value)
        }
      default:
        break
      }
    }
  }

  /// Keeps the first position seen for a key.
  @inline(__always)
  static func first(_ slot: inout Int, _ position: Int) {
    if slot == 0 { slot = position }
  }

  /// Whether the UTF-8 `bytes` are exactly `name`.
  @inline(__always)
  static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
    guard bytes.count == name.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
    return memcmp(base, name.utf8Start, bytes.count) == 0
  }

  /// An `objectRef` object's fields (one pass; first occurrence wins).
  static func objectReference(_ ref: JSONValue) -> ObjectReference {
    var resource = 0
    var subresource = 0
    var namespace = 0
    var name = 0
    var apiGroup = 0
    var apiVersion = 0
    ref.forEachMemberPosition { key, value in
      switch key.count {
      case 4: if matches(key, "name") { first(&name, value) }
      case 8:
        if matches(key, "resource") {
          first(&resource, value)
        } else if matches(key, "apiGroup") {
          first(&apiGroup, value)
        }
      case 9: if matches(key, "namespace") { first(&namespace, value) }
      case 10: if matches(key, "apiVersion") { first(&apiVersion, value) }
      case 11: if matches(key, "subresource") { first(&subresource, value) }
      default: break
      }
    }
    func string(_ position: Int) -> String? {
      ref.string(atPosition: position)
    }
    return ObjectReference(
      resource: string(resource), subresource: string(subresource), namespace: string(namespace),
      name: string(name), apiGroup: string(apiGroup), apiVersion: string(apiVersion))
  }

  /// A `user`/`impersonatedUser` object's fields (one pass; first occurrence wins).
  static func userInfo(_ user: JSONValue) -> UserInfo {
    var username = 0
    var uid = 0
    var groups = 0
    user.forEachMemberPosition { key, value in
      switch key.count {
      case 3: if matches(key, "uid") { first(&uid, value) }
      case 6: if matches(key, "groups") { first(&groups, value) }
      case 8: if matches(key, "username") { first(&username, value) }
      default: break
      }
    }
    return UserInfo(
      username: user.string(atPosition: username) ?? "",
      uid: user.string(atPosition: uid),
      groups: AuditDecoder.strings(user.value(atPosition: groups)))
  }

  /// `responseStatus.code` when it is an integer that fits in `Int`.
  static func responseCode(_ status: JSONValue) -> Int? {
    var code = 0
    status.forEachMemberPosition { key, value in
      if matches(key, "code") { first(&code, value) }
    }
    guard let int = status.value(atPosition: code)?.int else { return nil }
    return Int(exactly: int)
  }

  /// The string member at `position`, a shared literal when `known` has it (no allocation).
  func string(at position: Int, known: (UnsafeBufferPointer<UInt8>) -> String?) -> String? {
    root.withStringUTF8(atPosition: position) { bytes -> String in
      known(bytes) ?? String(decoding: bytes, as: UTF8.self)
    }
  }

  /// The stages of a request, as shared literals.
  static func stages(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    switch b.count {
    case 16: if matches(b, "ResponseComplete") { return "ResponseComplete" }
    case 15:
      if matches(b, "ResponseStarted") { return "ResponseStarted" }
      if matches(b, "RequestReceived") { return "RequestReceived" }
    case 5: if matches(b, "Panic") { return "Panic" }
    default: break
    }
    return nil
  }

  /// The audit levels, as shared literals.
  static func levels(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    switch b.count {
    case 15: if matches(b, "RequestResponse") { return "RequestResponse" }
    case 8: if matches(b, "Metadata") { return "Metadata" }
    case 7: if matches(b, "Request") { return "Request" }
    case 4: if matches(b, "None") { return "None" }
    default: break
    }
    return nil
  }

  /// The Kubernetes verbs, as shared literals.
  static func verbs(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    switch b.count {
    case 3: if matches(b, "get") { return "get" }
    case 4: if matches(b, "list") { return "list" }
    case 5:
      if matches(b, "watch") { return "watch" }
      if matches(b, "patch") { return "patch" }
    case 6:
      if matches(b, "create") { return "create" }
      if matches(b, "update") { return "update" }
      if matches(b, "delete") { return "delete" }
    case 16: if matches(b, "deletecollection") { return "deletecollection" }
    default: break
    }
    return nil
  }
}
