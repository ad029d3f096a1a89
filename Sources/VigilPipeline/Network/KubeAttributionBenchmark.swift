import VigilCore
import VigilKube
import VigilNet

/// Flow records attributed through the real cluster model (`KubeEndpointResolver` over an
/// `Inventory` of Deployment pods) and aggregated into the map, per second on one core, next to
/// the ceiling of `NetworkMapBenchmark` (a loop reading the same records) in the same run.
public enum KubeAttributionBenchmark {
  /// Runs `flows` records over an inventory of `pods` pods (10 per Deployment, 20 namespaces).
  public static func run(flows: Int, pods: Int = 5_000, rounds: Int = 5)
    -> NetworkMapBenchmark
    .Result
  {
    let start = Timestamp(nanoseconds: 1_764_000_000_000_000_000 - 3_600_000_000_000)
    var inventory = Inventory()
    var podIPs: [String] = []
    for i in 0..<max(1, pods) {
      let workload = i / 10
      let namespace = "team-\(workload % 20)"
      let deployment = "service-\(workload / 20)"
      let hash = "h\(workload)"
      let ip = NetworkMapBenchmark.podIP(i)
      let text = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(deployment)-\(hash)-p\(i)",\
        "namespace":"\(namespace)","uid":"pod-\(i)","creationTimestamp":"2026-11-29T00:00:00Z",\
        "labels":{"app":"\(deployment)","pod-template-hash":"\(hash)"},"ownerReferences":[{\
        "apiVersion":"apps/v1","kind":"ReplicaSet","name":"\(deployment)-\(hash)",\
        "uid":"rs-\(workload)","controller":true}]},"spec":{"nodeName":"node-\(i % 50)",\
        "containers":[{"name":"app","image":"registry.example.com/app:1"}]},\
        "status":{"phase":"Running","podIP":"\(ip)","podIPs":[{"ip":"\(ip)"}]}}
        """
      _ = try? inventory.apply(.added, json: text, at: start)
      podIPs.append(ip)
    }
    let resolver = KubeEndpointResolver(inventory: inventory, exposures: ExposureInventory())
    let records = NetworkMapBenchmark.records(
      podIPs: podIPs, distinct: min(max(flows, 1), 1 << 16))
    return NetworkMapBenchmark.measure(
      records: records, resolver: resolver, flows: flows, rounds: rounds)
  }
}
