import VigilCore
import VigilJSON

/// Falco's fields on config maps, services, the response and the client.
extension KAFields {
  /// Config maps and services in request bodies.
  static let objects: [Field] = [
    Field.reading(
      "ka.req.configmap.name", .string, cost: .property,
      "If the request object refers to a configmap, the configmap name"
    ) { event, _ in
      .optional(event.audit?.objectRef?.name)
    },
    Field.reading(
      "ka.req.configmap.obj", .string,
      "If the request object refers to a configmap, the entire configmap object"
    ) { event, _ in
      .json(event.requestObject?["data"])
    },
    Field.reading(
      "ka.req.service.type", .string,
      "When the request object refers to a service, the service type"
    ) { event, _ in
      .json(event.requestSpec?["type"])
    },
    // One compact-JSON port object per port (Falco's original implementation; its Go plugin
    // prints the whole array as a single value).
    Field.reading(
      "ka.req.service.ports", .string, list: true, argument: .optionalIndex,
      "When the request object refers to a service, the service's ports"
    ) { event, _ in
      .jsonList(event.requestSpec?["ports"])
    },
  ]

  /// The response, the client and the cluster.
  static let response: [Field] = [
    Field.reading("ka.resp.name", .string, "The response object name") { event, _ in
      .json(event.auditRoot?["responseObject"]?["metadata"]?["name"])
    },
    Field.reading("ka.response.code", .string, cost: .property, "The response code") { event, _ in
      guard let code = event.audit?.responseCode else { return .missing }
      return .string(String(code))
    },
    Field.reading(
      "ka.response.reason", .string, "The response reason (usually present only for failures)"
    ) { event, _ in
      .json(event.auditRoot?["responseStatus"]?["reason"])
    },
    Field.reading(
      "ka.useragent", .string, cost: .property,
      "The useragent of the client who made the request to the apiserver"
    ) { event, _ in
      .optional(event.audit?.userAgent)
    },
    Field.reading(
      "ka.sourceips", .string, list: true, argument: .optionalIndex, cost: .property,
      "The IP addresses of the client who made the request to the apiserver"
    ) { event, _ in
      .strings(event.audit?.sourceIPs ?? [])
    },
    // Vigil reads the `cluster_name` annotation, where the GKE decoder puts the LogEntry's
    // resource label (Falco's plugins take it from their configuration).
    Field.reading("ka.cluster.name", .string, "The name of the k8s cluster") { event, _ in
      let annotations = event.auditRoot?["annotations"]
      return .json(annotations?["cluster_name"] ?? annotations?["cluster-name"])
    },
  ]
}
