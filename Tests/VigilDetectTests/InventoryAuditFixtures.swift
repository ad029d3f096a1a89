import VigilAudit
import VigilCore

/// Audit events at the RequestResponse level with real object bodies, for the inventory
/// detectors (exposure, RBAC, registries).
enum InventoryAuditFixtures {
  /// An audit event writing `object` (JSON text) to `resource` `namespace/name`.
  static func write(
    id: String, verb: String, resource: String, apiGroup: String = "", namespace: String?,
    name: String, object: String?, user: String = "alice@example.com",
    agent: String = "kubectl/v1.30.2 (linux/amd64) kubernetes/7c48c2b", at time: String,
    code: Int = 200
  ) -> Event {
    let namespaceField = namespace.map { #""namespace":"\#($0)","# } ?? ""
    let body = object.map { #","requestObject":\#($0),"responseObject":\#($0)"# } ?? ""
    let text = """
      {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"\(id)",\
      "stage":"ResponseComplete","requestURI":"/api/\(resource)/\(name)","verb":"\(verb)",\
      "user":{"username":"\(user)","groups":["system:authenticated"]},\
      "sourceIPs":["203.0.113.7"],"userAgent":"\(agent)",\
      "objectRef":{"resource":"\(resource)",\(namespaceField)"name":"\(name)","apiGroup":"\(apiGroup)","apiVersion":"v1"},\
      "responseStatus":{"metadata":{},"code":\(code)}\(body),\
      "requestReceivedTimestamp":"\(time)","stageTimestamp":"\(time)"}
      """
    return AuditDecoder().decode(text: text).events[0]
  }

  /// A Service as the API server returns it.
  static func service(
    name: String, namespace: String, type: String, port: Int, selector: String,
    loadBalancerIP: String? = nil
  ) -> String {
    let nodePort = type == "ClusterIP" ? "" : #","nodePort":31\#(port % 1000)"#
    let status =
      loadBalancerIP.map { #"{"loadBalancer":{"ingress":[{"ip":"\#($0)"}]}}"# }
      ?? #"{"loadBalancer":{}}"#
    return """
      {"kind":"Service","apiVersion":"v1","metadata":{"name":"\(name)","namespace":"\(namespace)",\
      "uid":"0f1e2d3c-\(name)","resourceVersion":"4711","creationTimestamp":"2026-11-02T08:00:00Z",\
      "labels":{"app":"\(selector)"}},\
      "spec":{"type":"\(type)","clusterIP":"10.96.14.7","clusterIPs":["10.96.14.7"],\
      "ports":[{"name":"main","protocol":"TCP","port":\(port),"targetPort":\(port)\(nodePort)}],\
      "selector":{"app":"\(selector)"},"sessionAffinity":"None","ipFamilies":["IPv4"]},\
      "status":\(status)}
      """
  }

  /// A ClusterRole granting `verbs` on `resources`.
  static func clusterRole(name: String, resources: [String], verbs: [String]) -> String {
    let list = { (items: [String]) in items.map { "\"\($0)\"" }.joined(separator: ",") }
    return """
      {"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"\(name)",\
      "uid":"c1-\(name)","resourceVersion":"100","creationTimestamp":"2026-11-02T08:00:00Z"},\
      "rules":[{"apiGroups":[""],"resources":[\(list(resources))],"verbs":[\(list(verbs))]}]}
      """
  }

  /// A RoleBinding in `namespace` of ClusterRole `role` to user `user`.
  static func roleBinding(name: String, namespace: String, role: String, user: String) -> String {
    """
    {"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"\(name)",\
    "namespace":"\(namespace)","uid":"rb-\(name)","resourceVersion":"101",\
    "creationTimestamp":"2026-11-02T09:00:00Z"},\
    "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"\(user)"}],\
    "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"\(role)"}}
    """
  }

  /// A Deployment running `image`.
  static func deployment(name: String, namespace: String, image: String) -> String {
    """
    {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"\(name)","namespace":"\(namespace)"},\
    "spec":{"replicas":2,"selector":{"matchLabels":{"app":"\(name)"}},"template":{"metadata":\
    {"labels":{"app":"\(name)"}},"spec":{"containers":[{"name":"main","image":"\(image)",\
    "ports":[{"containerPort":8080,"protocol":"TCP"}]}]}}}}
    """
  }
}
