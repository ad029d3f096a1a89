/// The paths the server answers.
public enum Routes {
  /// `POST`: Kubernetes audit webhook backend (`--audit-webhook-config-file`).
  public static let auditWebhook = "/k8s-audit"
  /// `GET`: 200 while the process serves (liveness).
  public static let health = "/healthz"
  /// `GET`: 200 once the store is open and rules are loaded, else 503 (readiness).
  public static let readiness = "/readyz"
  /// `GET`: Prometheus text exposition.
  public static let metrics = "/metrics"
  /// `GET`: every entry point into the cluster (`kube.enabled`; authenticated like the webhook).
  public static let exposure = "/api/v1/exposure"
  /// `GET ?verb=&resource=[&namespace=]`: the subjects RBAC allows it, with their grant paths.
  public static let whoCan = "/api/v1/rbac/who-can"
  /// `GET ?ip=[&at=]`: who held an address (pod, service, node), its workload and class.
  public static let identity = "/api/v1/identity"
  /// `GET`: every registry the cluster runs images from: class, namespaces, images, unpinned.
  public static let registries = "/api/v1/registries"
  /// `POST`: node agents' flow batches (gzip NDJSON of Vigil flow records).
  public static let flowIngest = "/v1/ingest/flows"
  /// `GET ?namespace=&since=[&format=json|dot|text]`: the network map from observed flows.
  public static let graph = "/api/v1/graph"
  /// `GET [?since=&format=json|text]`: paths from public entry points to sensitive services
  /// over the observed network map.
  public static let exposurePaths = "/api/v1/exposure/paths"
}
