/// Compliance controls and ATT&CK techniques for well-known rules whose files carry none, such as
/// Falco's own k8saudit ruleset (tagged only `k8s`), so every alert names the controls it gives
/// evidence for. A rule's own tags (`soc2:CC6.1`, `T1609` …) always win over the catalog.
public enum ControlCatalog {
  /// The controls for a rule: from its tags when they name any, else from the catalog.
  public static func controls(rule: String, tags: [String]) -> [ComplianceControl] {
    let fromTags = ComplianceControl.controls(forTags: tags)
    if !fromTags.isEmpty { return fromTags }
    return falcoControls[rule] ?? []
  }

  /// Families of findings sharing one set of controls.
  enum Family {
    case podSecurity, hostAccess, execIntoPod, rbac, privilegedBinding, credentials, exposure
    case identity, workloadChange, auditTrail

    var tags: [String] {
      switch self {
      case .podSecurity:
        ["mitre:T1610", "soc2:CC6.8", "nist:CM-7", "nist:AC-6", "cis:5.2.1", "pci:2.2.1",
         "iso27001:A.8.9"]
      case .hostAccess:
        ["mitre:T1611", "mitre:T1610", "soc2:CC6.8", "nist:AC-6", "nist:SC-39", "cis:5.2.2",
         "pci:2.2.1", "iso27001:A.8.9"]
      case .execIntoPod:
        ["mitre:T1609", "soc2:CC6.1", "soc2:CC7.2", "nist:AC-6(9)", "nist:AU-12", "cis:5.1.1",
         "pci:10.2.1", "iso27001:A.8.2"]
      case .rbac:
        ["mitre:T1098", "soc2:CC6.2", "soc2:CC6.3", "nist:AC-2", "nist:AC-6", "cis:5.1.1",
         "pci:7.2.1", "iso27001:A.5.15"]
      case .privilegedBinding:
        ["mitre:T1078", "mitre:T1098", "soc2:CC6.3", "nist:AC-6(5)", "cis:5.1.1", "pci:7.2.2",
         "iso27001:A.8.2"]
      case .credentials:
        ["mitre:T1552.007", "soc2:CC6.1", "nist:IA-5", "nist:SC-28", "cis:5.4.1", "pci:8.3.2",
         "iso27001:A.5.17"]
      case .exposure:
        ["mitre:T1133", "soc2:CC6.6", "nist:SC-7", "nist:SC-8", "cis:5.3.2", "pci:1.3.1",
         "iso27001:A.8.20"]
      case .identity:
        ["mitre:T1078", "soc2:CC6.1", "nist:AC-3", "nist:IA-2", "cis:1.2.1", "pci:8.2.1",
         "iso27001:A.5.16"]
      case .workloadChange:
        ["mitre:T1610", "soc2:CC8.1", "nist:CM-3", "pci:6.5.1", "iso27001:A.8.32"]
      case .auditTrail:
        ["soc2:CC7.2", "nist:AU-2", "nist:AU-12", "pci:10.2.1", "iso27001:A.8.15"]
      }
    }
  }

  /// The catalog's controls by rule name, computed once.
  static let falcoControls: [String: [ComplianceControl]] = falcoK8sAudit.mapValues {
    ComplianceControl.controls(forTags: $0.tags)
  }

  /// Falco's k8saudit rules (plugin v0.18) by family.
  static let falcoK8sAudit: [String: Family] = [
    "Disallowed K8s User": .identity,
    "Create Disallowed Pod": .podSecurity,
    "Create Privileged Pod": .hostAccess,
    "Create Sensitive Mount Pod": .hostAccess,
    "Create HostNetwork Pod": .hostAccess,
    "Create HostPid Pod": .hostAccess,
    "Create HostIPC Pod": .hostAccess,
    "Create NodePort Service": .exposure,
    "Create/Modify Configmap With Private Credentials": .credentials,
    "Anonymous Request Allowed": .identity,
    "Attach/Exec Pod": .execIntoPod,
    "port-forward": .execIntoPod,
    "EphemeralContainers Created": .execIntoPod,
    "Create Disallowed Namespace": .workloadChange,
    "Pod Created in Kube Namespace": .podSecurity,
    "Service Account Created in Kube Namespace": .rbac,
    "System ClusterRole Modified/Deleted": .rbac,
    "Attach to cluster-admin Role": .privilegedBinding,
    "ClusterRole With Wildcard Created": .privilegedBinding,
    "ClusterRole With Write Privileges Created": .rbac,
    "ClusterRole With Pod Exec Created": .privilegedBinding,
    "K8s Deployment Created": .workloadChange,
    "K8s Deployment Deleted": .workloadChange,
    "K8s Service Created": .exposure,
    "K8s Service Deleted": .workloadChange,
    "K8s ConfigMap Created": .workloadChange,
    "K8s ConfigMap Deleted": .workloadChange,
    "K8s Namespace Created": .workloadChange,
    "K8s Namespace Deleted": .workloadChange,
    "K8s Serviceaccount Created": .rbac,
    "K8s Serviceaccount Deleted": .rbac,
    "K8s Role Created": .rbac,
    "K8s Role Deleted": .rbac,
    "K8s ClusterRole Created": .rbac,
    "K8s ClusterRole Deleted": .rbac,
    "K8s RoleBinding Created": .rbac,
    "K8s RoleBinding Deleted": .rbac,
    "K8s ClusterRoleBinding Created": .rbac,
    "K8s ClusterRoleBinding Deleted": .rbac,
    "K8s Secret Created": .credentials,
    "K8s Secret Deleted": .credentials,
    "K8s Secret Get Successfully": .credentials,
    "K8s Secret Get Unsuccessfully Tried": .credentials,
    "All K8s Audit Events": .auditTrail,
    "Full K8s Administrative Access": .privilegedBinding,
    "Ingress Object without TLS Certificate Created": .exposure,
    "Untrusted Node Successfully Joined the Cluster": .identity,
    "Untrusted Node Unsuccessfully Tried to Join the Cluster": .identity,
  ]
}
