import VigilCore
import VigilJSON

/// The `k8s.req.*` fields on pod specs, for every workload kind: Pod, Deployment, StatefulSet,
/// DaemonSet, ReplicaSet, ReplicationController, Job and CronJob bodies, merge patches of them,
/// and JSON patches that set an image or a security context.
extension K8sFields {
  /// Workload request-body fields.
  static let workload: [Field] = [
    Field.reading(
      "k8s.req.images", .string, list: true, argument: .optionalIndex,
      "Images of all containers (regular, init, ephemeral) in the request body's pod specs, any workload kind, patches included"
    ) { event, _ in
      .strings(images(event))
    },
    Field.reading(
      "k8s.req.registries", .string, list: true, argument: .optionalIndex,
      "Registry host of each image in k8s.req.images (Docker Hub images: docker.io)"
    ) { event, _ in
      .strings(images(event).compactMap(FieldSupport.registry))
    },
    Field.reading(
      "k8s.req.unpinned_images", .string, list: true, argument: .optionalIndex,
      "Images in k8s.req.images referenced by tag only, without an @sha256: digest"
    ) { event, _ in
      .strings(images(event).filter { !$0.contains("@sha256:") })
    },
    Field.reading(
      "k8s.req.privileged", .bool,
      "True when any container of the request body's pod specs is privileged, any workload kind"
    ) { event, _ in
      let containers = event.allContainers
      guard !containers.isEmpty else { return .missing }
      return .bool(containers.contains { $0.privileged })
    },
    podFlag(
      "k8s.req.host_network", "hostNetwork",
      "True when a pod spec of the request uses the host network"),
    podFlag(
      "k8s.req.host_pid", "hostPID",
      "True when a pod spec of the request shares the host PID namespace"),
    podFlag(
      "k8s.req.host_ipc", "hostIPC",
      "True when a pod spec of the request shares the host IPC namespace"),
    Field.reading(
      "k8s.req.hostpaths", .string, list: true, argument: .optionalIndex,
      "hostPath paths of the volumes of the request body's pod specs, any workload kind"
    ) { event, _ in
      var out: [String] = []
      for spec in event.podSpecs {
        spec["volumes"]?.forEachElement { volume in
          if let path = volume["hostPath"]?["path"]?.string { out.append(path) }
        }
      }
      return .strings(out)
    },
    Field.reading(
      "k8s.req.host_ports", .number, list: true, argument: .optionalIndex,
      "hostPort values of all containers of the request body's pod specs, any workload kind"
    ) { event, _ in
      var out: [FieldValue] = []
      for spec in event.podSpecs {
        for list in FieldSupport.ContainerList.allCases {
          spec[list.rawValue]?.forEachElement { container in
            container["ports"]?.forEachElement { port in
              if let hostPort = port["hostPort"]?.int { out.append(.number(hostPort)) }
            }
          }
        }
      }
      return .values(out)
    },
  ]

  /// Every image named by the request body (see `FieldSupport.allContainers`).
  static func images(_ event: FieldContext) -> [String] {
    event.allContainers.compactMap(\.image)
  }

  /// Whether any pod spec of the request body sets `key` to true; `.missing` without pod specs.
  static func podFlag(_ name: String, _ key: String, _ description: String) -> Field {
    Field.reading(name, .bool, description) { event, _ in
      let specs = event.podSpecs
      guard !specs.isEmpty else { return .missing }
      return .bool(specs.contains { $0[key]?.bool == true })
    }
  }
}
