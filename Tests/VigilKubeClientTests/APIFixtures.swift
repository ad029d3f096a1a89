/// Object JSON as the API server returns it (compact, with managedFields, ownerReferences and
/// status), for the fake server's lists and watch streams.
enum APIFixtures {
  /// A pod of a Deployment's ReplicaSet, running on a node with an IP.
  static func pod(name: String, ip: String, resourceVersion: String, uid: String) -> String {
    """
    {"kind":"Pod","apiVersion":"v1","metadata":{"name":"\(name)","generateName":"checkout-7d9c5b6f4-",\
    "namespace":"shop","uid":"\(uid)","resourceVersion":"\(resourceVersion)",\
    "creationTimestamp":"2026-11-29T08:14:03Z","labels":{"app":"checkout","pod-template-hash":"7d9c5b6f4"},\
    "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"checkout-7d9c5b6f4",\
    "uid":"5f1c2a8e-3b1d-4c55-9f0e-2d6a7b8c9d01","controller":true,"blockOwnerDeletion":true}],\
    "managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"v1",\
    "time":"2026-11-29T08:14:03Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:generateName":{},\
    "f:labels":{".":{},"f:app":{},"f:pod-template-hash":{}},"f:ownerReferences":{".":{},\
    "k:{\\"uid\\":\\"5f1c2a8e-3b1d-4c55-9f0e-2d6a7b8c9d01\\"}":{}}},"f:spec":{"f:containers":\
    {"k:{\\"name\\":\\"app\\"}":{".":{},"f:image":{},"f:name":{}}}}}},{"manager":"kubelet",\
    "operation":"Update","apiVersion":"v1","time":"2026-11-29T08:14:09Z","fieldsType":"FieldsV1",\
    "fieldsV1":{"f:status":{"f:conditions":{},"f:podIP":{},"f:podIPs":{}}},"subresource":"status"}]},\
    "spec":{"volumes":[{"name":"kube-api-access-x2x9p","projected":{"sources":[{"serviceAccountToken":\
    {"expirationSeconds":3607,"path":"token"}}],"defaultMode":420}}],"containers":[{"name":"app",\
    "image":"registry.example.com/shop/checkout:1.4.2","ports":[{"containerPort":8080,"protocol":"TCP"}],\
    "resources":{},"securityContext":{"runAsNonRoot":true,"allowPrivilegeEscalation":false},\
    "terminationMessagePath":"/dev/termination-log","imagePullPolicy":"IfNotPresent"}],\
    "restartPolicy":"Always","serviceAccountName":"checkout","nodeName":"worker-2",\
    "securityContext":{},"schedulerName":"default-scheduler"},"status":{"phase":"Running",\
    "conditions":[{"type":"Ready","status":"True","lastProbeTime":null,\
    "lastTransitionTime":"2026-11-29T08:14:09Z"}],"hostIP":"10.0.0.12","hostIPs":[{"ip":"10.0.0.12"}],\
    "podIP":"\(ip)","podIPs":[{"ip":"\(ip)"}],"startTime":"2026-11-29T08:14:03Z",\
    "containerStatuses":[{"name":"app","state":{"running":{"startedAt":"2026-11-29T08:14:08Z"}},\
    "ready":true,"restartCount":0,"image":"registry.example.com/shop/checkout:1.4.2",\
    "imageID":"registry.example.com/shop/checkout@sha256:9b2f0c4de1a7c1b8e3f5a6d7c8b9a0e1f2d3c4b5a6978877665544332211aabb",\
    "containerID":"containerd://4e1b9f0c2d3a","started":true}],"qosClass":"BestEffort"}}
    """
  }

  /// A ClusterIP service.
  static func service(name: String, clusterIP: String, resourceVersion: String) -> String {
    """
    {"kind":"Service","apiVersion":"v1","metadata":{"name":"\(name)","namespace":"shop",\
    "uid":"0b7f3e2a-9c1d-4e8f-a6b5-\(String(name.utf8.count, radix: 16))c4d3e2f1a0b9",\
    "resourceVersion":"\(resourceVersion)","creationTimestamp":"2026-11-28T21:00:00Z",\
    "labels":{"app":"\(name)"},"managedFields":[{"manager":"kubectl-client-side-apply",\
    "operation":"Update","apiVersion":"v1","time":"2026-11-28T21:00:00Z","fieldsType":"FieldsV1",\
    "fieldsV1":{"f:spec":{"f:ports":{".":{},"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{}}}}}]},\
    "spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080}],\
    "selector":{"app":"\(name)"},"clusterIP":"\(clusterIP)","clusterIPs":["\(clusterIP)"],\
    "type":"ClusterIP","sessionAffinity":"None","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",\
    "internalTrafficPolicy":"Cluster"},"status":{"loadBalancer":{}}}
    """
  }

  /// An nginx ingress routing a host to a service, with a load-balancer address.
  static func ingress(name: String, host: String, resourceVersion: String) -> String {
    """
    {"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"\(name)",\
    "namespace":"shop","uid":"7c6d5e4f-3a2b-1c0d-9e8f-7a6b5c4d3e2f","resourceVersion":"\(resourceVersion)",\
    "generation":2,"creationTimestamp":"2026-11-28T21:05:00Z","annotations":\
    {"nginx.ingress.kubernetes.io/rewrite-target":"/"}},"spec":{"ingressClassName":"nginx",\
    "tls":[{"hosts":["\(host)"],"secretName":"\(name)-tls"}],"rules":[{"host":"\(host)","http":\
    {"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"checkout",\
    "port":{"number":80}}}}]}}]},"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}}}
    """
  }

  /// `{"type":…,"object":…}` and a newline: one watch line.
  static func event(_ type: String, _ object: String) -> String {
    "{\"type\":\"\(type)\",\"object\":\(object)}\n"
  }

  /// A BOOKMARK event carrying only a resource version.
  static func bookmark(kind: String, resourceVersion: String) -> String {
    event(
      "BOOKMARK",
      """
      {"kind":"\(kind)","apiVersion":"v1","metadata":{"resourceVersion":"\(resourceVersion)",\
      "annotations":{"k8s.io/initial-events-end":"true"}}}
      """)
  }

  /// The ERROR event the server sends when the watched version is too old.
  static let expired = event(
    "ERROR",
    """
    {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
    "message":"too old resource version: 100 (2000)","reason":"Expired","code":410}
    """)

  /// Cuts `text` into pieces of `sizes` bytes (the last piece takes the rest).
  static func split(_ text: String, sizes: [Int]) -> [String] {
    var bytes = Array(text.utf8)[...]
    var pieces: [String] = []
    for size in sizes where !bytes.isEmpty {
      pieces.append(String(decoding: bytes.prefix(size), as: UTF8.self))
      bytes = bytes.dropFirst(size)
    }
    if !bytes.isEmpty { pieces.append(String(decoding: bytes, as: UTF8.self)) }
    return pieces
  }
}
