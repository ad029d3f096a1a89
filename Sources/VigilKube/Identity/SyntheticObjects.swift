/// API-server-shaped JSON for the benchmark's synthetic cluster (managed fields, owner
/// references and status as a real `kubectl get -o json` prints them).
enum SyntheticObjects {
  /// A uid made from `n`.
  static func uid(_ n: Int, _ salt: Int) -> String {
    let hex = String(UInt64(truncatingIfNeeded: n &* 2_654_435_761 &+ salt), radix: 16)
    let padded = String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    return "5f3c\(salt % 10)a2e-91b4-4c7d-8e2f-\(padded.suffix(12))"
  }

  /// A 64-hex-character container ID made from `n`.
  static func containerID(_ n: Int) -> String {
    var out = ""
    var value = UInt64(truncatingIfNeeded: n) &+ 0x51A7
    for _ in 0..<4 {
      value = value &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let hex = String(value, radix: 16)
      out += String(repeating: "0", count: 16 - hex.count) + hex
    }
    return out
  }

  static func deployment(namespace: String, name: String, index: Int) -> String {
    """
    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{"deployment.kubernetes.io/revision":"1"},\
    "creationTimestamp":"2025-11-20T09:00:00Z","generation":1,"labels":{"app.kubernetes.io/name":"\(name)",\
    "app.kubernetes.io/part-of":"\(namespace)"},"name":"\(name)","namespace":"\(namespace)",\
    "resourceVersion":"\(1000 + index)","uid":"\(uid(index, 1))"},"spec":{"replicas":10,\
    "selector":{"matchLabels":{"app.kubernetes.io/name":"\(name)"}},"template":{"metadata":{"labels":\
    {"app.kubernetes.io/name":"\(name)"}},"spec":{"containers":[{"name":"app","image":\
    "registry.example.com/\(namespace)/\(name):1.4.2","ports":[{"containerPort":8080,"protocol":"TCP"}]}]}}},\
    "status":{"availableReplicas":10,"readyReplicas":10,"replicas":10}}
    """
  }

  static func replicaSet(namespace: String, deployment: String, hash: String, index: Int) -> String
  {
    """
    {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"creationTimestamp":"2025-11-20T09:00:01Z",\
    "generation":1,"labels":{"app.kubernetes.io/name":"\(deployment)","pod-template-hash":"\(hash)"},\
    "name":"\(deployment)-\(hash)","namespace":"\(namespace)","ownerReferences":[{"apiVersion":"apps/v1",\
    "blockOwnerDeletion":true,"controller":true,"kind":"Deployment","name":"\(deployment)",\
    "uid":"\(uid(index, 1))"}],"resourceVersion":"\(2000 + index)","uid":"\(uid(index, 2))"},\
    "spec":{"replicas":10,"selector":{"matchLabels":{"app.kubernetes.io/name":"\(deployment)",\
    "pod-template-hash":"\(hash)"}},"template":{"metadata":{"labels":{"app.kubernetes.io/name":\
    "\(deployment)","pod-template-hash":"\(hash)"}},"spec":{"containers":[{"name":"app","image":\
    "registry.example.com/\(namespace)/\(deployment):1.4.2"}]}}},"status":{"replicas":10}}
    """
  }

  static func pod(namespace: String, deployment: String, hash: String, index: Int, ip: String)
    -> String
  {
    let suffix = String(uid(index, 3).suffix(5))
    let set = index / 10
    return """
      {"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"2025-11-20T09:00:02Z",\
      "generateName":"\(deployment)-\(hash)-","labels":{"app.kubernetes.io/name":"\(deployment)",\
      "app.kubernetes.io/part-of":"\(namespace)","pod-template-hash":"\(hash)"},\
      "managedFields":[{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":\
      {"f:generateName":{},"f:labels":{".":{},"f:app.kubernetes.io/name":{},"f:pod-template-hash":{}},\
      "f:ownerReferences":{".":{},"k:{\\"uid\\":\\"\(uid(set, 2))\\"}":{}}},"f:spec":{"f:containers":\
      {"k:{\\"name\\":\\"app\\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{}}}}},\
      "manager":"kube-controller-manager","operation":"Update","time":"2025-11-20T09:00:02Z"},\
      {"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{},\
      "f:containerStatuses":{},"f:podIP":{},"f:podIPs":{},"f:startTime":{}}},"manager":"kubelet",\
      "operation":"Update","subresource":"status","time":"2025-11-20T09:00:09Z"}],\
      "name":"\(deployment)-\(hash)-\(suffix)","namespace":"\(namespace)","ownerReferences":\
      [{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"ReplicaSet",\
      "name":"\(deployment)-\(hash)","uid":"\(uid(set, 2))"}],"resourceVersion":"\(30000 + index)",\
      "uid":"\(uid(index, 3))"},"spec":{"containers":[{"env":[{"name":"LOG_LEVEL","value":"info"}],\
      "image":"registry.example.com/\(namespace)/\(deployment):1.4.2","imagePullPolicy":"IfNotPresent",\
      "name":"app","ports":[{"containerPort":8080,"name":"http","protocol":"TCP"}],"resources":\
      {"limits":{"memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}},\
      "terminationMessagePath":"/dev/termination-log","volumeMounts":[{"mountPath":\
      "/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access","readOnly":true}]},\
      {"image":"docker.io/envoyproxy/envoy:v1.31.2","name":"proxy","ports":[{"containerPort":15001,\
      "protocol":"TCP"}]}],"dnsPolicy":"ClusterFirst","nodeName":"node-\(index % 50)",\
      "restartPolicy":"Always","schedulerName":"default-scheduler","serviceAccountName":"\(deployment)",\
      "tolerations":[{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists",\
      "tolerationSeconds":300}]},"status":{"conditions":[{"lastTransitionTime":"2025-11-20T09:00:09Z",\
      "status":"True","type":"Ready"}],"containerStatuses":[{"containerID":\
      "containerd://\(containerID(index * 2))","image":"registry.example.com/\(namespace)/\(deployment):1.4.2",\
      "imageID":"registry.example.com/\(namespace)/\(deployment)@sha256:\(containerID(set))","name":"app",\
      "ready":true,"restartCount":0,"started":true,"state":{"running":{"startedAt":"2025-11-20T09:00:08Z"}}},\
      {"containerID":"containerd://\(containerID(index * 2 + 1))","image":"docker.io/envoyproxy/envoy:v1.31.2",\
      "imageID":"docker.io/envoyproxy/envoy@sha256:\(containerID(-1))","name":"proxy","ready":true,\
      "restartCount":0,"started":true,"state":{"running":{"startedAt":"2025-11-20T09:00:08Z"}}}],\
      "hostIP":"192.168.0.\(index % 50 + 10)","phase":"Running","podIP":"\(ip)","podIPs":[{"ip":"\(ip)"}],\
      "qosClass":"Burstable","startTime":"2025-11-20T09:00:02Z"}}
      """
  }
}
