/// The ATT&CK techniques and compliance controls that scan and lateral-movement alerts carry
/// (tag forms as in `ComplianceControl(tag:)`).
public enum ScanTags {
  /// Controls every network-reconnaissance alert gives evidence for: monitoring (SOC 2 CC7.2,
  /// NIST SI-4), boundary protection (NIST SC-7), namespace network policies (CIS 5.3.2),
  /// network intrusion detection (PCI DSS 11.4), monitoring activities (ISO 27001 A.8.16).
  public static let controls = [
    "soc2:CC7.2", "nist:SI-4", "nist:SC-7", "cis:5.3.2", "pci:11.4", "iso27001:A.8.16",
  ]
  /// Port scans and host sweeps: Network Service Discovery.
  public static let scan = ["mitre:T1046"] + controls
  /// A workload reaching many services it never used, or kubelet, etcd, the API server:
  /// Remote Services, Exploitation of Remote Services.
  public static let lateralMovement = ["mitre:T1021", "mitre:T1210"] + controls
  /// A workload reaching the cloud metadata endpoint: Cloud Instance Metadata API.
  public static let metadata = ["mitre:T1552.005"] + controls
}
