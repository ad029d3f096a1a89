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
}
