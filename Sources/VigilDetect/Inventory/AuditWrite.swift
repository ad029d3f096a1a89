import VigilCore
import VigilJSON
import VigilKube

/// A successful write to one object as an audit event records it: the object as stored, and
/// whether the detector had seen that object before (an update of an object created before the
/// log began teaches a model its state but is no news).
struct AuditWrite {
  /// The verbs: a write of the object, or its deletion.
  enum Action {
    /// Created, updated or patched: the object as the API server stored it.
    case wrote(JSONValue, firstSight: Bool)
    /// Deleted.
    case deleted
  }

  /// The object's key.
  let key: ObjectKey
  /// What happened to it.
  let action: Action

  /// The write `audit` records for an object of `kind`, updating `known`; nil when the event is
  /// not a successful create/update/patch/delete of a whole object, or its body is missing (a
  /// patch logged without its `responseObject`).
  init?(_ audit: AuditEvent, kind: String, known: inout Set<ObjectKey>) {
    guard let ref = audit.objectRef, ref.subresource == nil,
      audit.stage == nil || audit.stage == "ResponseComplete", (audit.responseCode ?? 200) < 300
    else { return nil }
    switch audit.verb {
    case "create", "update", "patch":
      let root = audit.document.root
      let stored =
        root["responseObject"].flatMap { $0["kind"]?.string == nil ? nil : $0 }
        ?? (audit.verb == "patch" ? nil : root["requestObject"])
      guard let object = stored, object.kind == .object else { return nil }
      key = ObjectKey(
        kind: kind, namespace: ref.namespace ?? "",
        name: ref.name ?? object["metadata"]?["name"]?.string ?? "")
      let firstSight = known.insert(key).inserted && audit.verb != "create"
      action = .wrote(object, firstSight: firstSight)
    case "delete":
      guard let name = ref.name else { return nil }
      key = ObjectKey(kind: kind, namespace: ref.namespace ?? "", name: name)
      known.remove(key)
      action = .deleted
    default:
      return nil
    }
  }
}
