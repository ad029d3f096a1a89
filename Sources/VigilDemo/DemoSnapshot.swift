/// The demo cluster's objects at the start of the demo day, as `kubectl get -A -o json` prints
/// them: namespaces, nodes, workloads with their ReplicaSets and pods (the same names, UIDs and
/// IPs the audit log uses), Services — the shop's public LoadBalancer among them — and the RBAC
/// bindings the day starts with. `vigil demo` imports it so that exposure, identity and RBAC
/// questions have answers, and so that the day's audit events change a known cluster.
public enum DemoSnapshot {
  /// The public address of the shop's load balancer.
  public static let shopLoadBalancerIP = "34.117.5.20"

  /// The snapshot as JSON bytes (a `List`), deterministic for a seed.
  public static func cluster(seed: UInt64 = 1) -> [UInt8] {
    var rng = SplitMix64(seed: seed)
    let cluster = DemoCluster(rng: &rng)
    var items: [DemoJSON] = []
    for namespace in DemoCluster.namespaces {
      items.append([
        "kind": "Namespace", "apiVersion": "v1",
        "metadata": [
          "name": .string(namespace), "uid": .string(rng.uuid()),
          "creationTimestamp": "2026-09-14T08:00:00Z",
          "labels": ["kubernetes.io/metadata.name": .string(namespace)],
        ],
        "spec": ["finalizers": ["kubernetes"]], "status": ["phase": "Active"],
      ])
    }
    for (index, node) in cluster.nodes.enumerated() {
      items.append([
        "kind": "Node", "apiVersion": "v1",
        "metadata": [
          "name": .string(node.name), "uid": .string(node.uid),
          "creationTimestamp": "2026-09-14T08:00:00Z",
          "labels": ["kubernetes.io/hostname": .string(node.name)],
        ],
        "spec": [
          "podCIDR": .string("10.244.\(index).0/24"), "podCIDRs": [.string("10.244.\(index).0/24")],
        ],
        "status": [
          "addresses": [
            ["type": "InternalIP", "address": .string(node.ip)],
            ["type": "Hostname", "address": .string(node.name)],
          ]
        ],
      ])
    }
    for workload in cluster.workloads { items += objects(of: workload) }
    items += rbac()
    var bytes: [UInt8] = []
    DemoJSON.object([
      ("apiVersion", "v1"), ("kind", "List"), ("items", .array(items)),
      ("metadata", ["resourceVersion": ""]),
    ]).write(to: &bytes)
    return bytes
  }

  /// A workload, its ReplicaSet (for Deployments), its pods and its Service.
  static func objects(of w: DemoCluster.Workload) -> [DemoJSON] {
    let image = "\(w.image):\(w.tag)"
    let labels: DemoJSON = ["app.kubernetes.io/name": .string(w.name)]
    var items: [DemoJSON] = []
    var owner: DemoJSON
    if w.kind == "Deployment" {
      items.append(DemoObjects.deployment(w, image: image, rv: 48_000_000, at: 0, generation: 4))
      let replicaSet = "\(w.name)-\(w.replicaSetHash)"
      let replicaSetUID = "\(w.uid.prefix(24))\(w.replicaSetHash.prefix(12))"
      items.append([
        "kind": "ReplicaSet", "apiVersion": "apps/v1",
        "metadata": [
          "name": .string(replicaSet), "namespace": .string(w.namespace),
          "uid": .string(replicaSetUID), "creationTimestamp": "2026-10-30T09:12:44Z",
          "labels": [
            "app.kubernetes.io/name": .string(w.name),
            "pod-template-hash": .string(w.replicaSetHash),
          ],
          "ownerReferences": [
            [
              "apiVersion": "apps/v1", "kind": "Deployment", "name": .string(w.name),
              "uid": .string(w.uid), "controller": true, "blockOwnerDeletion": true,
            ]
          ],
        ],
        "spec": [
          "replicas": .int(Int64(w.pods.count)), "selector": ["matchLabels": labels],
          "template": [
            "metadata": ["labels": labels], "spec": DemoObjects.podSpec(w, image: image),
          ],
        ],
      ])
      owner = [
        "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": .string(replicaSet),
        "uid": .string(replicaSetUID), "controller": true, "blockOwnerDeletion": true,
      ]
    } else {
      items.append([
        "kind": .string(w.kind), "apiVersion": "apps/v1",
        "metadata": [
          "name": .string(w.name), "namespace": .string(w.namespace), "uid": .string(w.uid),
          "creationTimestamp": "2026-09-14T08:21:07Z", "labels": labels,
        ],
        "spec": [
          "replicas": .int(Int64(w.pods.count)), "selector": ["matchLabels": labels],
          "serviceName": .string(w.name),
          "template": [
            "metadata": ["labels": labels], "spec": DemoObjects.podSpec(w, image: image),
          ],
        ],
      ])
      owner = [
        "apiVersion": "apps/v1", "kind": .string(w.kind), "name": .string(w.name),
        "uid": .string(w.uid), "controller": true, "blockOwnerDeletion": true,
      ]
    }
    for pod in w.pods {
      items.append([
        "kind": "Pod", "apiVersion": "v1",
        "metadata": [
          "name": .string(pod.name), "namespace": .string(w.namespace), "uid": .string(pod.uid),
          "creationTimestamp": "2026-10-30T09:13:02Z", "labels": labels, "ownerReferences": [owner],
        ],
        "spec": DemoObjects.podSpec(w, image: image).setting("nodeName", .string(pod.node.name)),
        "status": [
          "phase": "Running", "hostIP": .string(pod.node.ip), "podIP": .string(pod.ip),
          "podIPs": [["ip": .string(pod.ip)]], "startTime": "2026-10-30T09:13:02Z",
          "containerStatuses": [
            [
              "name": .string(w.name), "ready": true, "restartCount": 0, "image": .string(image),
              "imageID": .string("\(w.image)@sha256:\(String(repeating: "5", count: 64))"),
              "containerID": .string(
                "containerd://\(pod.uid.filter { $0 != "-" })\(pod.uid.filter { $0 != "-" })"),
              "started": true,
            ]
          ],
        ],
      ])
    }
    let isPublic = w.namespace == "shop" && w.name == "frontend"
    var spec: [(String, DemoJSON)] = [
      ("type", .string(isPublic ? "LoadBalancer" : "ClusterIP")),
      ("clusterIP", .string("10.96.\(w.port % 200).\(w.pods.count + 10)")),
      ("selector", labels),
    ]
    var port: [(String, DemoJSON)] = [
      ("name", "main"), ("protocol", "TCP"), ("port", .int(isPublic ? 443 : w.port)),
      ("targetPort", .int(w.port)),
    ]
    if isPublic { port.append(("nodePort", 31443)) }
    spec.append(("ports", .array([.object(port)])))
    items.append([
      "kind": "Service", "apiVersion": "v1",
      "metadata": [
        "name": .string(w.name), "namespace": .string(w.namespace),
        "uid": .string("\(w.uid.prefix(30))5e7c1a"), "creationTimestamp": "2026-09-14T08:21:07Z",
        "labels": labels,
      ],
      "spec": .object(spec),
      "status": isPublic
        ? ["loadBalancer": ["ingress": [["ip": .string(shopLoadBalancerIP)]]]]
        : ["loadBalancer": [:]],
    ])
    return items
  }

  /// The bindings the day starts with: Argo CD deploys everywhere; the payments API reads its
  /// namespace's Secrets.
  static func rbac() -> [DemoJSON] {
    [
      [
        "kind": "ClusterRoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1",
        "metadata": [
          "name": "argocd-application-controller", "creationTimestamp": "2026-09-14T08:30:00Z",
        ],
        "roleRef": [
          "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin",
        ],
        "subjects": [["kind": "ServiceAccount", "name": "deployer", "namespace": "ci"]],
      ],
      [
        "kind": "Role", "apiVersion": "rbac.authorization.k8s.io/v1",
        "metadata": [
          "name": "payments-secrets", "namespace": "payments",
          "creationTimestamp": "2026-09-14T08:30:00Z",
        ],
        "rules": [["apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]]],
      ],
      [
        "kind": "RoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1",
        "metadata": [
          "name": "payments-api-secrets", "namespace": "payments",
          "creationTimestamp": "2026-09-14T08:30:00Z",
        ],
        "roleRef": [
          "apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "payments-secrets",
        ],
        "subjects": [["kind": "ServiceAccount", "name": "payments-api", "namespace": "payments"]],
      ],
    ]
  }
}
