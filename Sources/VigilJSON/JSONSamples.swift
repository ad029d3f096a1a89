/// Realistic sample data for the reader's tests and fuzz seeds: synthetic audit events and the
/// paths a Kubernetes audit rule set typically reads. (Throughput is measured by `vigil bench`.)
public enum JSONSamples {
  /// Fifteen fields a Kubernetes audit rule set typically reads.
  public static let auditPaths: [[String]] = [
    ["auditID"], ["stage"], ["verb"], ["requestURI"], ["user", "username"],
    ["user", "groups", "0"],
    ["sourceIPs", "0"], ["userAgent"], ["objectRef", "resource"], ["objectRef", "namespace"],
    ["objectRef", "name"], ["responseStatus", "code"], ["requestReceivedTimestamp"],
    ["requestObject", "spec", "containers", "0", "image"],
    ["annotations", "authorization.k8s.io/decision"],
  ]
}
