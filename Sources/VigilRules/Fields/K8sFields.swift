import VigilCore
import VigilJSON

/// Vigil's normalized audit fields (`k8s.*`): the same meaning for every audit shape (native,
/// EKS, AKS, GKE), typed (numbers are numbers, flags are booleans), and covering every workload
/// kind where Falco's `ka.req.pod.*` fields only see bare Pods.
///
/// `K8sFields+Workload.swift` adds the request-body fields (images, registries, privileged,
/// host access), `K8sFields+Activity.swift` exec and RBAC.
enum K8sFields {
  /// Every `k8s.*` field.
  static let all: [Field] = request + workload + activity

  /// What was done to which object, by which client.
  static let request: [Field] = [
    Field.reading(
      "k8s.ns.name", .string, cost: .property,
      "Namespace of the target object (objectRef, else the request body's metadata)"
    ) { event, _ in
      if let namespace = event.audit?.objectRef?.namespace { return .string(namespace) }
      return .json(event.requestObject?["metadata"]?["namespace"])
    },
    Field.reading(
      "k8s.resource", .string, cost: .property, "Resource of the target object: pods, secrets, clusterrolebindings …"
    ) { event, _ in
      .optional(event.audit?.objectRef?.resource)
    },
    Field.reading(
      "k8s.subresource", .string, cost: .property,
      "Subresource: exec, attach, portforward, log, proxy, token, approval …"
    ) { event, _ in
      .optional(event.audit?.objectRef?.subresource)
    },
    Field.reading(
      "k8s.resource.full", .string, cost: .property,
      "Resource and subresource as one path: pods/exec, nodes/proxy, serviceaccounts/token, certificatesigningrequests/approval; the resource alone without a subresource"
    ) { event, _ in
      guard let ref = event.audit?.objectRef, let resource = ref.resource else { return .missing }
      guard let sub = ref.subresource, !sub.isEmpty else { return .string(resource) }
      return .string(resource + "/" + sub)
    },
    Field.reading(
      "k8s.name", .string, cost: .property,
      "Name of the target object (objectRef, else the request or response body's metadata)"
    ) { event, _ in
      if let name = event.audit?.objectRef?.name { return .string(name) }
      let root = event.auditRoot
      return .json(
        root?["requestObject"]?["metadata"]?["name"]
          ?? root?["responseObject"]?["metadata"]?["name"])
    },
    Field.reading(
      "k8s.verb", .string, cost: .property, "The Kubernetes verb: get, list, watch, create, update, patch, delete …"
    ) { event, _ in
      .nonEmpty(event.audit?.verb)
    },
    Field.reading("k8s.api.group", .string, cost: .property, "API group of the target object; `core` for the core group") {
      event, _ in
      guard let ref = event.audit?.objectRef else { return .missing }
      guard let group = ref.apiGroup, !group.isEmpty else { return .string("core") }
      return .string(group)
    },
    Field.reading("k8s.api.version", .string, cost: .property, "API version of the target object (v1, v1beta1 …)") {
      event, _ in .optional(event.audit?.objectRef?.apiVersion)
    },
    Field.reading("k8s.response.code", .number, cost: .property, "HTTP status code of the response (201, 403 …)") {
      event, _ in
      guard let code = event.audit?.responseCode else { return .missing }
      return .number(Int64(code))
    },
    Field.reading("k8s.shape", .string, cost: .property, "The shape the event arrived in: native, eks, aks or gke") {
      event, _ in
      guard let audit = event.audit else { return .missing }
      return .string(audit.shape.rawValue)
    },
    Field.reading("k8s.stage", .string, cost: .property, "RequestReceived, ResponseStarted, ResponseComplete or Panic") {
      event, _ in .optional(event.audit?.stage)
    },
    Field.reading("k8s.level", .string, cost: .property, "Audit level of the event: Metadata, Request or RequestResponse") {
      event, _ in .optional(event.audit?.level)
    },
    Field.reading("k8s.sourceip", .string, cost: .property, "The original client IP (first of sourceIPs)") { event, _ in
      .optional(event.audit?.sourceIPs.first)
    },
    Field.reading("k8s.useragent", .string, cost: .property, "The client's User-Agent") { event, _ in
      .optional(event.audit?.userAgent)
    },
    Field.reading(
      "k8s.useragent.family", .string,
      "Client family parsed from the User-Agent: kubectl, helm, argocd, flux, terraform, kube-controller-manager, kube-scheduler, kubelet, client-go, python-kubernetes, python-requests, curl, browser, other …"
    ) { event, _ in
      guard let agent = event.audit?.userAgent else { return .missing }
      return .string(FieldSupport.userAgentFamily(agent))
    },
    Field.reading("k8s.req.kind", .string, "Kind of the request body: Pod, Deployment, TokenRequest …") {
      event, _ in .json(event.requestObject?["kind"])
    },
    Field.reading(
      "k8s.truncated", .bool, cost: .property,
      "True when the event was over the size limit and kept as metadata only"
    ) { event, _ in
      guard let audit = event.audit else { return .missing }
      return .bool(audit.truncated)
    },
  ]
}
