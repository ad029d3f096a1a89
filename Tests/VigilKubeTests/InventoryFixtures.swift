import VigilCore
import VigilJSON

@testable import VigilKube

/// Kubernetes object JSON as the API server returns it (trimmed of nothing Vigil reads).
enum InventoryFixtures {
  static let deployment = """
    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{"deployment.kubernetes.io/revision":"3",
    "kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"apps/v1\\",\\"kind\\":\\"Deployment\\"}\\n"},
    "creationTimestamp":"2025-11-01T08:00:00Z","generation":3,"labels":{"app":"api","team":"payments"},
    "managedFields":[{"apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}},
    "manager":"kubectl-client-side-apply","operation":"Update","time":"2025-11-01T08:00:00Z"}],
    "name":"api","namespace":"payments","resourceVersion":"88121","uid":"0b8e6c7a-1f2d-4b3c-9a8e-7d6c5b4a3f21"},
    "spec":{"progressDeadlineSeconds":600,"replicas":2,"revisionHistoryLimit":10,"selector":{"matchLabels":{"app":"api"}},
    "strategy":{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"},
    "template":{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"image":"ghcr.io/acme/payments-api:2.7.1",
    "name":"api","ports":[{"containerPort":8443,"protocol":"TCP"}]}],"initContainers":[{"image":"busybox:1.36","name":"migrate"}]}}},
    "status":{"availableReplicas":2,"observedGeneration":3,"readyReplicas":2,"replicas":2}}
    """

  static let replicaSet = """
    {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"annotations":{"deployment.kubernetes.io/desired-replicas":"2"},
    "creationTimestamp":"2025-11-01T08:00:01Z","generation":1,"labels":{"app":"api","pod-template-hash":"7d9f8b6c5d"},
    "name":"api-7d9f8b6c5d","namespace":"payments","ownerReferences":[{"apiVersion":"apps/v1","blockOwnerDeletion":true,
    "controller":true,"kind":"Deployment","name":"api","uid":"0b8e6c7a-1f2d-4b3c-9a8e-7d6c5b4a3f21"}],
    "resourceVersion":"88100","uid":"6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"},"spec":{"replicas":2,
    "selector":{"matchLabels":{"app":"api","pod-template-hash":"7d9f8b6c5d"}},"template":{"metadata":{"labels":
    {"app":"api","pod-template-hash":"7d9f8b6c5d"}},"spec":{"containers":[{"image":"ghcr.io/acme/payments-api:2.7.1","name":"api"}]}}},
    "status":{"availableReplicas":2,"fullyLabeledReplicas":2,"observedGeneration":1,"readyReplicas":2,"replicas":2}}
    """

  static let apiContainerID =
    "containerd://4f1c9d2a7b3e8f6051c2d7e9a4b8f3c6d1e0a9b7c5d3e2f1a0b9c8d7e6f5a4b3"

  /// An API pod of the Deployment with `ip`.
  static func apiPod(
    name: String = "api-7d9f8b6c5d-x2k4p", uid: String = "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
    ip: String = "10.244.1.5", containerID: String = apiContainerID,
    created: String = "2025-11-01T08:00:02Z",
    initContainerID: String = "0a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526272829"
  ) -> String {
    """
    {"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"\(created)",
    "generateName":"api-7d9f8b6c5d-","labels":{"app":"api","pod-template-hash":"7d9f8b6c5d"},
    "managedFields":[{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:generateName":{},
    "f:labels":{".":{},"f:app":{},"f:pod-template-hash":{}},"f:ownerReferences":{".":{},
    "k:{\\"uid\\":\\"6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d\\"}":{}}}},"manager":"kube-controller-manager",
    "operation":"Update","time":"\(created)"},{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:status":
    {"f:podIP":{},"f:podIPs":{".":{},"k:{\\"ip\\":\\"\(ip)\\"}":{".":{},"f:ip":{}}}}},"manager":"kubelet",
    "operation":"Update","subresource":"status","time":"\(created)"}],
    "name":"\(name)","namespace":"payments","ownerReferences":[{"apiVersion":"apps/v1","blockOwnerDeletion":true,
    "controller":true,"kind":"ReplicaSet","name":"api-7d9f8b6c5d","uid":"6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}],
    "resourceVersion":"88130","uid":"\(uid)"},"spec":{"containers":[{"image":"ghcr.io/acme/payments-api:2.7.1",
    "imagePullPolicy":"IfNotPresent","name":"api","ports":[{"containerPort":8443,"name":"https","protocol":"TCP"}],
    "resources":{"requests":{"cpu":"250m"}}}],"initContainers":[{"image":"busybox:1.36","name":"migrate"}],
    "nodeName":"worker-1","serviceAccount":"payments-api","serviceAccountName":"payments-api"},
    "status":{"conditions":[{"lastProbeTime":null,"lastTransitionTime":"\(created)","status":"True","type":"Ready"}],
    "containerStatuses":[{"containerID":"\(containerID)","image":"ghcr.io/acme/payments-api:2.7.1",
    "imageID":"ghcr.io/acme/payments-api@sha256:9b2f3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809",
    "lastState":{},"name":"api","ready":true,"restartCount":0,"started":true,"state":{"running":{"startedAt":"\(created)"}}}],
    "initContainerStatuses":[{"containerID":"containerd://\(initContainerID)",
    "image":"docker.io/library/busybox:1.36","imageID":"docker.io/library/busybox@sha256:1111","name":"migrate","ready":true,
    "restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],
    "hostIP":"192.168.10.11","phase":"Running","podIP":"\(ip)","podIPs":[{"ip":"\(ip)"}],"qosClass":"Burstable",
    "startTime":"\(created)"}}
    """
  }

  static let secondAPIPod = apiPod(
    name: "api-7d9f8b6c5d-q8z7m", uid: "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70", ip: "10.244.2.9",
    containerID: "cri-o://9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d",
    initContainerID: "1b1c1d1e1f20212223242526272829a0b0c0d0e0f101112131415161718191a")

  static let cronJob = """
    {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"creationTimestamp":"2025-10-01T00:00:00Z","generation":1,
    "labels":{"app":"backup"},"name":"backup","namespace":"ops","resourceVersion":"5001",
    "uid":"aa11bb22-cc33-4d44-8e55-ff6677889900"},"spec":{"concurrencyPolicy":"Forbid","jobTemplate":{"spec":
    {"template":{"spec":{"containers":[{"image":"registry.acme.internal/ops/backup:5","name":"backup"}],
    "restartPolicy":"OnFailure"}}}},"schedule":"0 * * * *"},"status":{"lastScheduleTime":"2025-11-29T12:00:00Z"}}
    """

  static let job = """
    {"apiVersion":"batch/v1","kind":"Job","metadata":{"creationTimestamp":"2025-11-29T12:00:00Z","generation":1,
    "labels":{"batch.kubernetes.io/controller-uid":"bb22cc33-dd44-4e55-8f66-007788990011","batch.kubernetes.io/job-name":
    "backup-29407680","controller-uid":"bb22cc33-dd44-4e55-8f66-007788990011","job-name":"backup-29407680"},
    "name":"backup-29407680","namespace":"ops","ownerReferences":[{"apiVersion":"batch/v1","blockOwnerDeletion":true,
    "controller":true,"kind":"CronJob","name":"backup","uid":"aa11bb22-cc33-4d44-8e55-ff6677889900"}],
    "resourceVersion":"5100","uid":"bb22cc33-dd44-4e55-8f66-007788990011"},"spec":{"backoffLimit":6,"completions":1,
    "template":{"spec":{"containers":[{"image":"registry.acme.internal/ops/backup:5","name":"backup"}]}}},
    "status":{"active":1,"startTime":"2025-11-29T12:00:00Z"}}
    """

  static let jobPod = """
    {"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"2025-11-29T12:00:01Z","generateName":"backup-29407680-",
    "labels":{"batch.kubernetes.io/job-name":"backup-29407680","job-name":"backup-29407680"},"name":"backup-29407680-7vqkz",
    "namespace":"ops","ownerReferences":[{"apiVersion":"batch/v1","blockOwnerDeletion":true,"controller":true,"kind":"Job",
    "name":"backup-29407680","uid":"bb22cc33-dd44-4e55-8f66-007788990011"}],"resourceVersion":"5120",
    "uid":"cc33dd44-ee55-4f66-8a77-118899001122"},"spec":{"containers":[{"image":"registry.acme.internal/ops/backup:5",
    "name":"backup"}],"nodeName":"worker-2","restartPolicy":"OnFailure","serviceAccountName":"default"},
    "status":{"containerStatuses":[{"containerID":"docker://77aa88bb99cc00dd11ee22ff33aa44bb55cc66dd77ee88ff99aa00bb11cc22dd",
    "image":"registry.acme.internal/ops/backup:5","imageID":"docker-pullable://registry.acme.internal/ops/backup@sha256:2222",
    "name":"backup","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2025-11-29T12:00:03Z"}}}],
    "phase":"Running","podIP":"10.244.2.20","podIPs":[{"ip":"10.244.2.20"}],"startTime":"2025-11-29T12:00:01Z"}}
    """

  static let statefulSetPod = """
    {"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"2025-11-02T10:00:00Z","generateName":"db-",
    "labels":{"app":"db","apps.kubernetes.io/pod-index":"0","controller-revision-hash":"db-6c8b9d7f5",
    "statefulset.kubernetes.io/pod-name":"db-0"},"name":"db-0","namespace":"payments","ownerReferences":[{"apiVersion":"apps/v1",
    "blockOwnerDeletion":true,"controller":true,"kind":"StatefulSet","name":"db","uid":"dd44ee55-ff66-4a77-9b88-229900112233"}],
    "resourceVersion":"7000","uid":"ee55ff66-aa77-4b88-9c99-330011223344"},"spec":{"containers":[{"image":"postgres:16.4",
    "name":"postgres","ports":[{"containerPort":5432,"name":"pg","protocol":"TCP"}]}],"hostname":"db-0","nodeName":"worker-1",
    "subdomain":"db"},"status":{"phase":"Running","podIP":"10.244.1.7","podIPs":[{"ip":"10.244.1.7"},{"ip":"fd00:10:244:1::7"}]}}
    """

  static let daemonSetPod = """
    {"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"2025-11-01T07:00:00Z","generateName":"node-exporter-",
    "labels":{"app.kubernetes.io/name":"node-exporter","controller-revision-hash":"5d8c7b9f6"},"name":"node-exporter-8kq2w",
    "namespace":"monitoring","ownerReferences":[{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,
    "kind":"DaemonSet","name":"node-exporter","uid":"ff66aa77-bb88-4c99-8d00-440011223355"}],"resourceVersion":"800",
    "uid":"0f1e2d3c-4b5a-4968-8776-554433221100"},"spec":{"containers":[{"image":"quay.io/prometheus/node-exporter:v1.8.2",
    "name":"node-exporter","ports":[{"containerPort":9100,"hostPort":9100,"name":"metrics","protocol":"TCP"}]}],
    "hostNetwork":true,"hostPID":true,"nodeName":"worker-1"},"status":{"hostIP":"192.168.10.11","phase":"Running",
    "podIP":"192.168.10.11","podIPs":[{"ip":"192.168.10.11"}]}}
    """

  static let clusterIPService = """
    {"apiVersion":"v1","kind":"Service","metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},
    "creationTimestamp":"2025-11-01T08:00:00Z","labels":{"app":"api"},"name":"api","namespace":"payments",
    "resourceVersion":"88000","uid":"11aa22bb-33cc-4d44-8e55-66ff77aa88bb"},"spec":{"clusterIP":"10.96.12.34",
    "clusterIPs":["10.96.12.34"],"internalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",
    "ports":[{"name":"https","port":443,"protocol":"TCP","targetPort":"https"}],"selector":{"app":"api"},
    "sessionAffinity":"None","type":"ClusterIP"},"status":{"loadBalancer":{}}}
    """

  static let nodePortService = """
    {"apiVersion":"v1","kind":"Service","metadata":{"creationTimestamp":"2025-11-01T08:00:00Z","name":"web",
    "namespace":"payments","uid":"22bb33cc-44dd-4e55-8f66-77aa88bb99cc"},"spec":{"clusterIP":"10.96.40.2",
    "clusterIPs":["10.96.40.2"],"externalTrafficPolicy":"Cluster","ports":[{"nodePort":30080,"port":80,"protocol":"TCP",
    "targetPort":8080}],"selector":{"app":"web"},"type":"NodePort"},"status":{"loadBalancer":{}}}
    """

  static let loadBalancerService = """
    {"apiVersion":"v1","kind":"Service","metadata":{"annotations":{"service.beta.kubernetes.io/aws-load-balancer-scheme":
    "internet-facing","meta.helm.sh/release-name":"public"},"creationTimestamp":"2025-11-01T08:00:00Z",
    "finalizers":["service.kubernetes.io/load-balancer-cleanup"],"name":"public","namespace":"payments",
    "uid":"33cc44dd-55ee-4f66-8a77-88bb99cc00dd"},"spec":{"allocateLoadBalancerNodePorts":true,"clusterIP":"10.96.7.7",
    "clusterIPs":["10.96.7.7"],"externalIPs":["198.51.100.7"],"externalTrafficPolicy":"Local","healthCheckNodePort":31999,
    "ports":[{"name":"https","nodePort":31443,"port":443,"protocol":"TCP","targetPort":8443}],"selector":{"app":"api"},
    "type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10","ipMode":"VIP"},
    {"hostname":"a1b2c3-1234567890.eu-west-1.elb.amazonaws.com"}]}}}
    """

  static let node = """
    {"apiVersion":"v1","kind":"Node","metadata":{"annotations":{"node.alpha.kubernetes.io/ttl":"0"},
    "creationTimestamp":"2025-10-01T00:00:00Z","labels":{"kubernetes.io/hostname":"worker-1","kubernetes.io/os":"linux",
    "node-role.kubernetes.io/worker":""},"name":"worker-1","resourceVersion":"9000","uid":"44dd55ee-66ff-4a77-9b88-99cc00dd11ee"},
    "spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24","fd00:10:244:1::/64"],"providerID":"aws:///eu-west-1a/i-0abc"},
    "status":{"addresses":[{"address":"192.168.10.11","type":"InternalIP"},{"address":"34.120.5.6","type":"ExternalIP"},
    {"address":"worker-1","type":"Hostname"}],"nodeInfo":{"containerRuntimeVersion":"containerd://1.7.22",
    "kubeletVersion":"v1.31.2"}}}
    """

  static let endpointSlice = """
    {"addressType":"IPv4","apiVersion":"discovery.k8s.io/v1","endpoints":[{"addresses":["10.244.1.5"],"conditions":
    {"ready":true,"serving":true,"terminating":false},"nodeName":"worker-1","targetRef":{"kind":"Pod","name":
    "api-7d9f8b6c5d-x2k4p","namespace":"payments","uid":"c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"}},{"addresses":
    ["10.244.2.9"],"conditions":{"ready":false},"targetRef":{"kind":"Pod","name":"api-7d9f8b6c5d-q8z7m",
    "namespace":"payments"}}],"kind":"EndpointSlice","metadata":{"creationTimestamp":"2025-11-01T08:00:00Z",
    "generateName":"api-","labels":{"endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io",
    "kubernetes.io/service-name":"api"},"name":"api-k2x9q","namespace":"payments","ownerReferences":[{"apiVersion":"v1",
    "blockOwnerDeletion":true,"controller":true,"kind":"Service","name":"api","uid":"11aa22bb-33cc-4d44-8e55-66ff77aa88bb"}],
    "uid":"55ee66ff-77aa-4b88-9c99-00dd11ee22ff"},"ports":[{"name":"https","port":8443,"protocol":"TCP"}]}
    """

  static let namespace = """
    {"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{"owner":"payments-team@acme.example",
    "kubectl.kubernetes.io/last-applied-configuration":"{}"},"creationTimestamp":"2025-10-01T00:00:00Z",
    "labels":{"environment":"prod","kubernetes.io/metadata.name":"payments",
    "pod-security.kubernetes.io/enforce":"restricted"},"name":"payments","uid":"66ff77aa-88bb-4c99-8d00-11ee22ff33aa"},
    "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}
    """

  static let configMap = """
    {"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"name":"settings","namespace":"payments"}}
    """

  /// A pod without `metadata.name`.
  static let brokenPod = """
    {"apiVersion":"v1","kind":"Pod","metadata":{"namespace":"payments","uid":"x"},"spec":{}}
    """

  /// `kubectl get -A -o json` over all of the above, with one ConfigMap and one broken item.
  static var kubectlList: String {
    let items = [
      namespace, node, deployment, replicaSet, apiPod(), secondAPIPod, cronJob, job, jobPod,
      statefulSetPod, daemonSetPod, clusterIPService, nodePortService, loadBalancerService,
      endpointSlice, configMap, brokenPod,
    ]
    return """
      {"apiVersion":"v1","items":[\(items.joined(separator: ","))],"kind":"List","metadata":{"resourceVersion":""}}
      """
  }

  /// Parses `text` (test fixtures are valid JSON).
  static func value(_ text: String) throws -> JSONValue {
    try JSONDocument(parsing: text).root
  }

  /// A timestamp from RFC 3339.
  static func time(_ text: String) -> Timestamp {
    Timestamp(rfc3339: text) ?? Timestamp(nanoseconds: 0)
  }

  /// An inventory with everything of `kubectlList` applied at `at`.
  static func loaded(at: Timestamp = time("2025-11-29T12:30:00Z")) throws -> Inventory {
    var inventory = Inventory()
    _ = inventory.import(list: try value(kubectlList), at: at)
    return inventory
  }
}

/// A fixture value that does not parse.
struct FixtureError: Error, CustomStringConvertible {
  /// The text.
  var description: String
}

extension InventoryFixtures {
  /// The address `text` (throws when malformed, without a macro so it nests in `#expect`).
  static func ip(_ text: String) throws -> IPAddress {
    guard let address = IPAddress(text) else { throw FixtureError(description: text) }
    return address
  }

  /// The block `text`.
  static func network(_ text: String) throws -> IPNetwork {
    guard let network = IPNetwork(text) else { throw FixtureError(description: text) }
    return network
  }
}

extension String {
  /// A LoadBalancer Service fixture before its load balancer was provisioned.
  func replacingIngress() -> String {
    var text = self
    let marker = "\"loadBalancer\":{\"ingress\":"
    guard let start = text.firstRange(of: marker) else { return text }
    text.replaceSubrange(start.lowerBound..<text.endIndex, with: "\"loadBalancer\":{}}}")
    return text
  }
}
