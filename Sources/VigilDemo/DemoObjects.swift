/// Kubernetes object bodies (`requestObject` / `responseObject`) as the API server logs them.
enum DemoObjects {
  /// The container list of a workload's pod template.
  static func container(
    name: String, image: String, port: Int64, hardened: Bool = true
  ) -> DemoJSON {
    var c: [(String, DemoJSON)] = [
      ("name", .string(name)), ("image", .string(image)),
      ("ports", [["name": "http", "containerPort": .int(port), "protocol": "TCP"]]),
      (
        "resources",
        [
          "limits": ["cpu": "500m", "memory": "512Mi"],
          "requests": ["cpu": "100m", "memory": "128Mi"],
        ]
      ),
      ("livenessProbe", probe("/healthz", port: port)),
      ("readinessProbe", probe("/ready", port: port)),
      ("terminationMessagePath", "/dev/termination-log"), ("terminationMessagePolicy", "File"),
      ("imagePullPolicy", "IfNotPresent"),
    ]
    if hardened {
      c.append(
        (
          "securityContext",
          [
            "capabilities": ["drop": ["ALL"]], "runAsNonRoot": true, "readOnlyRootFilesystem": true,
            "allowPrivilegeEscalation": false,
          ]
        ))
    }
    return .object(c)
  }

  static func probe(_ path: String, port: Int64) -> DemoJSON {
    [
      "httpGet": ["path": .string(path), "port": .int(port), "scheme": "HTTP"],
      "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3,
    ]
  }

  /// A pod spec as a controller submits it (before admission defaults).
  static func podSpec(_ w: DemoCluster.Workload, image: String) -> DemoJSON {
    [
      "containers": [container(name: w.name, image: image, port: w.port)],
      "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
      "serviceAccountName": .string(w.serviceAccount),
      "securityContext": [
        "runAsUser": 10001, "fsGroup": 10001, "seccompProfile": ["type": "RuntimeDefault"],
      ],
      "schedulerName": "default-scheduler",
    ]
  }

  /// The spec after admission: token volume, tolerations, priority.
  static func admitted(_ spec: DemoJSON, volume: String) -> DemoJSON {
    guard case .object(var members) = spec else { return spec }
    let tokenVolume: DemoJSON = [
      "name": .string(volume),
      "projected": [
        "sources": [
          ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
          [
            "configMap": [
              "name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]],
            ]
          ],
          [
            "downwardAPI": [
              "items": [
                [
                  "path": "namespace",
                  "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"],
                ]
              ]
            ]
          ],
        ],
        "defaultMode": 420,
      ],
    ]
    var volumes: [DemoJSON] = []
    if case .array(let existing)? = spec["volumes"] { volumes = existing }
    members.removeAll { $0.0 == "volumes" }
    members.insert(("volumes", .array(volumes + [tokenVolume])), at: 0)
    if let sa = spec["serviceAccountName"] { members.append(("serviceAccount", sa)) }
    members.append(
      (
        "tolerations",
        [
          [
            "key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
            "tolerationSeconds": 300,
          ],
          [
            "key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
            "tolerationSeconds": 300,
          ],
        ]
      ))
    members.append(("priority", 0))
    members.append(("enableServiceLinks", true))
    members.append(("preemptionPolicy", "PreemptLowerPriority"))
    return .object(members)
  }

  /// Object metadata; `stored` adds what the API server assigns (uid, resourceVersion, time).
  static func metadata(
    name: String?, generateName: String? = nil, namespace: String?, labels: [(String, DemoJSON)],
    owner: DemoJSON? = nil, stored: (uid: String, rv: Int64, at: Int64, manager: String)? = nil,
    annotations: [(String, DemoJSON)] = []
  ) -> DemoJSON {
    var m: [(String, DemoJSON)] = []
    if let name { m.append(("name", .string(name))) }
    if let generateName { m.append(("generateName", .string(generateName))) }
    if let namespace { m.append(("namespace", .string(namespace))) }
    if let stored {
      m.append(("uid", .string(stored.uid)))
      m.append(("resourceVersion", .string(String(stored.rv))))
      m.append(("creationTimestamp", .string(DemoTime.seconds(stored.at))))
    } else {
      m.append(("creationTimestamp", .null))
    }
    if !labels.isEmpty { m.append(("labels", .object(labels))) }
    if !annotations.isEmpty { m.append(("annotations", .object(annotations))) }
    if let owner { m.append(("ownerReferences", [owner])) }
    if let stored {
      m.append(
        (
          "managedFields",
          [
            [
              "manager": .string(stored.manager), "operation": "Update", "apiVersion": "v1",
              "time": .string(DemoTime.seconds(stored.at)), "fieldsType": "FieldsV1",
              "fieldsV1": ["f:metadata": ["f:labels": ["."]], "f:spec": ["."]],
            ]
          ]
        ))
    }
    return .object(m)
  }

  /// A pod object.
  static func pod(metadata: DemoJSON, spec: DemoJSON, phase: String? = nil) -> DemoJSON {
    var p: [(String, DemoJSON)] = [
      ("kind", "Pod"), ("apiVersion", "v1"), ("metadata", metadata), ("spec", spec),
    ]
    if let phase {
      p.append(("status", ["phase": .string(phase), "qosClass": "Burstable"]))
    } else {
      p.append(("status", [:]))
    }
    return .object(p)
  }

  /// A Deployment object.
  static func deployment(
    _ w: DemoCluster.Workload, image: String, rv: Int64, at: Int64, generation: Int64
  ) -> DemoJSON {
    let labels: [(String, DemoJSON)] = [
      ("app.kubernetes.io/name", .string(w.name)),
      ("app.kubernetes.io/part-of", .string(w.namespace)),
    ]
    return [
      "kind": "Deployment", "apiVersion": "apps/v1",
      "metadata": .object([
        ("name", .string(w.name)), ("namespace", .string(w.namespace)), ("uid", .string(w.uid)),
        ("resourceVersion", .string(String(rv))), ("generation", .int(generation)),
        ("creationTimestamp", "2026-09-14T08:21:07Z"), ("labels", .object(labels)),
        ("annotations", ["deployment.kubernetes.io/revision": .string(String(generation))]),
      ]),
      "spec": [
        "replicas": .int(Int64(w.pods.count)),
        "selector": ["matchLabels": ["app.kubernetes.io/name": .string(w.name)]],
        "template": [
          "metadata": [
            "creationTimestamp": .null, "labels": ["app.kubernetes.io/name": .string(w.name)],
          ],
          "spec": podSpec(w, image: image),
        ],
        "strategy": [
          "type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"],
        ],
        "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
      ],
      "status": [
        "observedGeneration": .int(generation - 1), "replicas": .int(Int64(w.pods.count)),
        "updatedReplicas": .int(Int64(w.pods.count)), "readyReplicas": .int(Int64(w.pods.count)),
        "availableReplicas": .int(Int64(w.pods.count)),
      ],
    ]
  }

  /// The strategic-merge patch that changes one container's image (Argo CD, `kubectl set image`).
  static func imagePatch(container: String, image: String) -> DemoJSON {
    [
      "spec": [
        "template": [
          "spec": ["containers": [["name": .string(container), "image": .string(image)]]]
        ]
      ]
    ]
  }
}
