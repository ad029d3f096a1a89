/// Kubernetes objects as the API server returns them (GET / watch), for the exposure tests.
import VigilCore

enum ExposureFixtures {
  /// A time `seconds` after 2026-11-29T12:00:00Z.
  static func time(_ seconds: Int) -> Timestamp {
    Timestamp(nanoseconds: (1_795_953_600 + Int64(seconds)) * 1_000_000_000)
  }

  /// The `payments/db` Service: postgres on 5432, as `type` with optional extras in `spec`
  /// (`extraSpec` starts with a comma) and `status`.
  static func paymentsDB(
    type: String = "ClusterIP", resourceVersion: Int = 48211, ports: String? = nil,
    extraSpec: String = "", status: String = #"{"loadBalancer":{}}"#, annotations: String = "{}"
  ) -> String {
    """
    {
      "kind": "Service",
      "apiVersion": "v1",
      "metadata": {
        "name": "db",
        "namespace": "payments",
        "uid": "5f1d0c3e-8b7a-4a52-9d1e-2c6f0b9e7a11",
        "resourceVersion": "\(resourceVersion)",
        "creationTimestamp": "2026-11-02T09:14:07Z",
        "labels": {"app.kubernetes.io/part-of": "payments", "tier": "data"},
        "annotations": \(annotations),
        "managedFields": [
          {
            "manager": "kubectl-client-side-apply",
            "operation": "Update",
            "apiVersion": "v1",
            "time": "2026-11-02T09:14:07Z",
            "fieldsType": "FieldsV1",
            "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:tier": {}}}, "f:spec": {"f:ports": {}}}
          }
        ]
      },
      "spec": {
        "ports": \(ports ?? (type == "ClusterIP" ? clusterIPPostgresPort : postgresPort)),
        "selector": {"app": "payments-db"},
        "clusterIP": "10.96.14.201",
        "clusterIPs": ["10.96.14.201"],
        "type": "\(type)",
        "sessionAffinity": "None",
        "ipFamilies": ["IPv4"],
        "ipFamilyPolicy": "SingleStack",
        "internalTrafficPolicy": "Cluster"\(extraSpec)
      },
      "status": \(status)
    }
    """
  }

  /// `spec.ports` of `payments/db` as a ClusterIP Service (no node port).
  static let clusterIPPostgresPort = """
    [{"name": "postgres", "protocol": "TCP", "port": 5432, "targetPort": 5432}]
    """

  /// `spec.ports` of `payments/db`: postgres only.
  static let postgresPort = """
    [{"name": "postgres", "protocol": "TCP", "port": 5432, "targetPort": 5432, "nodePort": 31432}]
    """

  /// `spec.ports` of `payments/db` with a second port (a metrics exporter).
  static let postgresAndMetricsPorts = """
    [{"name": "postgres", "protocol": "TCP", "port": 5432, "targetPort": 5432, "nodePort": 31432},
     {"name": "metrics", "protocol": "TCP", "port": 9187, "targetPort": "metrics", "nodePort": 30187}]
    """

  /// `status` of a LoadBalancer with an IP and a hostname.
  static let loadBalancerStatus = """
    {"loadBalancer": {"ingress": [
      {"ip": "203.0.113.10", "ipMode": "VIP"},
      {"hostname": "a1b2c3-payments-db.elb.us-east-1.amazonaws.com"}
    ]}}
    """

  /// `shop/web`: a NodePort Service in front of an nginx Deployment.
  static let shopWebNodePort = """
    {
      "kind": "Service",
      "apiVersion": "v1",
      "metadata": {
        "name": "web",
        "namespace": "shop",
        "uid": "0b8e6f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b",
        "resourceVersion": "90112",
        "creationTimestamp": "2026-11-20T16:02:44Z",
        "labels": {"app": "web"},
        "managedFields": [
          {"manager": "helm", "operation": "Update", "apiVersion": "v1",
           "time": "2026-11-20T16:02:44Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}
        ]
      },
      "spec": {
        "ports": [{"name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080, "nodePort": 30080}],
        "selector": {"app": "web"},
        "clusterIP": "10.96.200.7",
        "clusterIPs": ["10.96.200.7"],
        "type": "NodePort",
        "sessionAffinity": "None",
        "externalTrafficPolicy": "Cluster",
        "ipFamilies": ["IPv4"],
        "ipFamilyPolicy": "SingleStack",
        "internalTrafficPolicy": "Cluster"
      },
      "status": {"loadBalancer": {}}
    }
    """

  /// `shop/api`: a ClusterIP Service (the Ingress backend) with external IPs set.
  static func shopAPI(externalIPs: String = "") -> String {
    """
    {
      "kind": "Service",
      "apiVersion": "v1",
      "metadata": {
        "name": "api",
        "namespace": "shop",
        "uid": "7a6b5c4d-3e2f-4a1b-9c8d-0e1f2a3b4c5d",
        "resourceVersion": "90120",
        "creationTimestamp": "2026-11-20T16:02:45Z",
        "labels": {"app": "api"},
        "managedFields": [
          {"manager": "argocd-controller", "operation": "Apply", "apiVersion": "v1",
           "time": "2026-11-20T16:02:45Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}
        ]
      },
      "spec": {
        "ports": [{"name": "http", "protocol": "TCP", "port": 8080, "targetPort": 8080}],
        "selector": {"app": "api"},
        "clusterIP": "10.96.31.44",
        "clusterIPs": ["10.96.31.44"],
        "type": "ClusterIP",
        "sessionAffinity": "None"\(externalIPs.isEmpty ? "" : ",\n    \"externalIPs\": \(externalIPs)")
      },
      "status": {"loadBalancer": {}}
    }
    """
  }

  /// `shop/storefront` Ingress: two hosts, TLS for `shop.example.com` only (or none).
  static func storefrontIngress(tls: Bool = true, adminPath: Bool = false) -> String {
    let tlsSpec = tls ? #""tls": [{"hosts": ["shop.example.com"], "secretName": "shop-tls"}],"# : ""
    let admin =
      adminPath
      ? #", {"path": "/admin", "pathType": "Prefix", "backend": {"service": {"name": "api", "port": {"number": 8080}}}}"#
      : ""
    return """
      {
        "kind": "Ingress",
        "apiVersion": "networking.k8s.io/v1",
        "metadata": {
          "name": "storefront",
          "namespace": "shop",
          "uid": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
          "resourceVersion": "90415",
          "generation": 1,
          "creationTimestamp": "2026-11-20T16:05:10Z",
          "annotations": {"nginx.ingress.kubernetes.io/proxy-body-size": "8m"},
          "managedFields": [
            {"manager": "kubectl-create", "operation": "Update", "apiVersion": "networking.k8s.io/v1",
             "time": "2026-11-20T16:05:10Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}},
            {"manager": "nginx-ingress-controller", "operation": "Update",
             "apiVersion": "networking.k8s.io/v1", "time": "2026-11-20T16:05:31Z",
             "fieldsType": "FieldsV1", "fieldsV1": {"f:status": {}}, "subresource": "status"}
          ]
        },
        "spec": {
          "ingressClassName": "nginx",
          \(tlsSpec)
          "rules": [
            {"host": "shop.example.com", "http": {"paths": [
              {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}},
              {"path": "/api", "pathType": "Prefix", "backend": {"service": {"name": "api", "port": {"name": "http"}}}}
            ]}},
            {"host": "status.example.com", "http": {"paths": [
              {"path": "/", "pathType": "Exact", "backend": {"service": {"name": "web", "port": {"number": 80}}}}\(admin)
            ]}}
          ]
        },
        "status": {"loadBalancer": {"ingress": [{"ip": "198.51.100.20"}]}}
      }
      """
  }

  /// `infra/public` Gateway with an HTTPS listener and an HTTP listener.
  static let publicGateway = """
    {
      "apiVersion": "gateway.networking.k8s.io/v1",
      "kind": "Gateway",
      "metadata": {
        "name": "public",
        "namespace": "infra",
        "uid": "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6",
        "resourceVersion": "120034",
        "generation": 1,
        "creationTimestamp": "2026-11-21T08:00:00Z",
        "managedFields": [
          {"manager": "kubectl-client-side-apply", "operation": "Update",
           "apiVersion": "gateway.networking.k8s.io/v1", "time": "2026-11-21T08:00:00Z",
           "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}
        ]
      },
      "spec": {
        "gatewayClassName": "cilium",
        "listeners": [
          {"name": "https", "hostname": "*.example.com", "port": 443, "protocol": "HTTPS",
           "tls": {"mode": "Terminate", "certificateRefs": [{"kind": "Secret", "name": "wildcard-tls"}]},
           "allowedRoutes": {"namespaces": {"from": "All"}}},
          {"name": "http", "port": 80, "protocol": "HTTP", "allowedRoutes": {"namespaces": {"from": "Same"}}}
        ]
      },
      "status": {
        "addresses": [{"type": "IPAddress", "value": "192.0.2.50"}],
        "conditions": [{"type": "Programmed", "status": "True", "reason": "Programmed",
          "lastTransitionTime": "2026-11-21T08:00:12Z", "observedGeneration": 1, "message": ""}]
      }
    }
    """

  /// `shop/api` HTTPRoute attached to the `https` listener of `infra/public`.
  static func apiRoute(backend: String = "api", port: Int = 8080) -> String {
    """
    {
      "apiVersion": "gateway.networking.k8s.io/v1",
      "kind": "HTTPRoute",
      "metadata": {
        "name": "api",
        "namespace": "shop",
        "uid": "9f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19",
        "resourceVersion": "120101",
        "generation": 1,
        "creationTimestamp": "2026-11-21T08:03:00Z",
        "managedFields": [
          {"manager": "kubectl-client-side-apply", "operation": "Update",
           "apiVersion": "gateway.networking.k8s.io/v1", "time": "2026-11-21T08:03:00Z",
           "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}
        ]
      },
      "spec": {
        "parentRefs": [{"group": "gateway.networking.k8s.io", "kind": "Gateway",
          "name": "public", "namespace": "infra", "sectionName": "https"}],
        "hostnames": ["api.example.com"],
        "rules": [{
          "matches": [{"path": {"type": "PathPrefix", "value": "/v1"}}],
          "backendRefs": [{"group": "", "kind": "Service", "name": "\(backend)", "port": \(port), "weight": 1}]
        }]
      },
      "status": {"parents": [{"parentRef": {"name": "public", "namespace": "infra", "sectionName": "https"},
        "controllerName": "io.cilium/gateway-controller",
        "conditions": [{"type": "Accepted", "status": "True", "reason": "Accepted",
          "lastTransitionTime": "2026-11-21T08:03:01Z", "observedGeneration": 1, "message": ""}]}]}
    }
    """
  }

  /// A pod of the `payments-db` StatefulSet running `image`, optionally on the node's network.
  static func paymentsDBPod(
    image: String = "docker.io/bitnami/postgresql:16.4.0", hostNetwork: Bool = false
  )
    -> String
  {
    """
    {
      "kind": "Pod",
      "apiVersion": "v1",
      "metadata": {
        "name": "payments-db-0",
        "namespace": "payments",
        "uid": "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901",
        "resourceVersion": "48190",
        "creationTimestamp": "2026-11-02T09:14:20Z",
        "labels": {"app": "payments-db", "apps.kubernetes.io/pod-index": "0",
          "controller-revision-hash": "payments-db-6c9f8d7b5", "statefulset.kubernetes.io/pod-name": "payments-db-0"},
        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "payments-db",
          "uid": "8c7b6a59-4d3e-4f21-9a0b-1c2d3e4f5a6b", "controller": true, "blockOwnerDeletion": true}],
        "managedFields": [
          {"manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1",
           "time": "2026-11-02T09:14:20Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {}}}
        ]
      },
      "spec": {
        "hostNetwork": \(hostNetwork),
        "containers": [{
          "name": "postgresql",
          "image": "\(image)",
          "ports": [{"name": "tcp-postgresql", "containerPort": 7432, "protocol": "TCP"}],
          "resources": {},
          "terminationMessagePath": "/dev/termination-log",
          "terminationMessagePolicy": "File",
          "imagePullPolicy": "IfNotPresent"
        }],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst",
        "serviceAccountName": "default",
        "nodeName": "node-a",
        "schedulerName": "default-scheduler"
      },
      "status": {
        "phase": "Running",
        "hostIP": "10.0.1.17",
        "hostIPs": [{"ip": "10.0.1.17"}],
        "podIP": "10.244.1.33",
        "podIPs": [{"ip": "10.244.1.33"}],
        "qosClass": "BestEffort",
        "startTime": "2026-11-02T09:14:20Z"
      }
    }
    """
  }

  /// A node-exporter DaemonSet pod on the node's network (port 9100).
  static let nodeExporterPod = """
    {
      "kind": "Pod",
      "apiVersion": "v1",
      "metadata": {
        "name": "node-exporter-7xk2p",
        "namespace": "monitoring",
        "uid": "4d5e6f70-8192-4a3b-8c4d-5e6f708192a3",
        "resourceVersion": "30551",
        "creationTimestamp": "2026-11-15T11:30:02Z",
        "labels": {"app.kubernetes.io/name": "node-exporter", "controller-revision-hash": "5d8f9c7b6"},
        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "node-exporter",
          "uid": "6f708192-a3b4-4c5d-8e6f-708192a3b4c5", "controller": true, "blockOwnerDeletion": true}],
        "managedFields": [
          {"manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1",
           "time": "2026-11-15T11:30:02Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {}}}
        ]
      },
      "spec": {
        "hostNetwork": true,
        "hostPID": true,
        "containers": [{
          "name": "node-exporter",
          "image": "quay.io/prometheus/node-exporter:v1.8.2",
          "args": ["--path.rootfs=/host"],
          "ports": [{"name": "metrics", "hostPort": 9100, "containerPort": 9100, "protocol": "TCP"}]
        }],
        "nodeName": "node-b",
        "dnsPolicy": "ClusterFirstWithHostNet"
      },
      "status": {"phase": "Running", "hostIP": "10.0.1.18", "podIP": "10.0.1.18",
        "podIPs": [{"ip": "10.0.1.18"}], "startTime": "2026-11-15T11:30:02Z"}
    }
    """

  /// An ingress-nginx controller pod binding hostPorts 80 and 443.
  static let ingressControllerPod = """
    {
      "kind": "Pod",
      "apiVersion": "v1",
      "metadata": {
        "name": "ingress-nginx-controller-5c8d66c76d-v2kq9",
        "namespace": "ingress-nginx",
        "uid": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
        "resourceVersion": "77120",
        "creationTimestamp": "2026-11-10T07:45:00Z",
        "labels": {"app.kubernetes.io/name": "ingress-nginx", "pod-template-hash": "5c8d66c76d"},
        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
          "name": "ingress-nginx-controller-5c8d66c76d", "uid": "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
          "controller": true, "blockOwnerDeletion": true}],
        "managedFields": [
          {"manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1",
           "time": "2026-11-10T07:45:00Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {}}}
        ]
      },
      "spec": {
        "containers": [{
          "name": "controller",
          "image": "registry.k8s.io/ingress-nginx/controller:v1.11.2@sha256:d5f8217feeac4887cb1ed21f27c2674e58be06bd8f5184cacea2a69abaf78dce",
          "ports": [
            {"name": "http", "hostPort": 80, "containerPort": 80, "protocol": "TCP"},
            {"name": "https", "hostPort": 443, "containerPort": 443, "protocol": "TCP"},
            {"name": "webhook", "containerPort": 8443, "protocol": "TCP"}
          ]
        }],
        "nodeName": "node-a"
      },
      "status": {"phase": "Running", "hostIP": "10.0.1.17", "podIP": "10.244.1.9",
        "startTime": "2026-11-10T07:45:00Z"}
    }
    """
}
