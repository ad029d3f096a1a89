import Hummingbird
import VigilJSON
import VigilKube

extension ClusterAPI {
  /// `GET /api/v1/rbac/who-can?verb=get&resource=secrets[&namespace=prod][&apiGroup=apps]
  /// [&subresource=exec][&name=db]`: every subject allowed, one entry per binding path
  /// (`resource=pods/exec` names the subresource too).
  func whoCan(_ request: Request, _ cluster: ClusterState) -> Response {
    guard let verb = Self.parameter(request, "verb"),
      let resourceText = Self.parameter(request, "resource")
    else {
      return .jsonError(.badRequest, "verb and resource are required")
    }
    let parts = resourceText.split(separator: "/", maxSplits: 1).map(String.init)
    let resource = parts[0]
    let subresource = parts.count > 1 ? parts[1] : Self.parameter(request, "subresource")
    let apiGroup = Self.parameter(request, "apiGroup") ?? ""
    let namespace = Self.parameter(request, "namespace")
    let name = Self.parameter(request, "name")
    let answers = cluster.read {
      $0.rbac.whoCan(
        verb: verb, resource: resource, apiGroup: apiGroup, subresource: subresource,
        namespace: namespace, name: name
      ).sorted()
    }
    var out = "{\"verb\":\(JSONText.quoted(verb)),\"resource\":\(JSONText.quoted(resource))"
    out += ",\"subresource\":\(Self.optional(subresource))"
    out += ",\"apiGroup\":\(JSONText.quoted(apiGroup))"
    out += ",\"namespace\":\(Self.optional(namespace)),\"name\":\(Self.optional(name))"
    out += ",\"count\":\(answers.count),\"subjects\":["
    out += answers.map(Self.json).joined(separator: ",")
    out += "]}"
    return .json(.ok, out)
  }

  /// One answer: the subject and the path that grants it.
  static func json(_ answer: RBACWhoCanAnswer) -> String {
    let subject = answer.subject
    var out = "{\"kind\":\(JSONText.quoted(subject.kind.rawValue))"
    out += ",\"name\":\(JSONText.quoted(subject.name))"
    out += ",\"namespace\":\(optional(subject.namespace.isEmpty ? nil : subject.namespace))"
    out += ",\"scope\":\(JSONText.quoted(answer.scope.description))"
    out += ",\"binding\":\(json(answer.path.binding)),\"role\":\(json(answer.path.role))"
    out += ",\"aggregatedFrom\":\(answer.path.aggregatedFrom.map(json) ?? "null")"
    out += ",\"viaGroup\":\(optional(answer.path.viaGroup?.name))"
    out += ",\"path\":\(JSONText.quoted(answer.path.description))}"
    return out
  }

  /// `{"kind":…,"namespace":…,"name":…}`.
  static func json(_ key: ObjectKey) -> String {
    "{\"kind\":\(JSONText.quoted(key.kind)),\"namespace\":\(optional(key.namespace.isEmpty ? nil : key.namespace)),\"name\":\(JSONText.quoted(key.name))}"
  }

  /// A JSON string or `null`.
  static func optional(_ text: String?) -> String { text.map(JSONText.quoted) ?? "null" }
}
