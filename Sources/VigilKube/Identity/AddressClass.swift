/// What kind of address an IP is: its holder's kind when one is known, else the range it is in.
public enum AddressClass: String, Sendable, Hashable, CaseIterable {
  /// A pod IP.
  case pod
  /// A Service ClusterIP.
  case service
  /// A Service LoadBalancer ingress IP.
  case loadBalancer = "load-balancer"
  /// A Service `spec.externalIPs` entry.
  case externalIP = "external-ip"
  /// A node address (InternalIP or ExternalIP).
  case node
  /// 127.0.0.0/8, ::1.
  case loopback
  /// 169.254.0.0/16, fe80::/10 (other than the metadata service).
  case linkLocal = "link-local"
  /// The cloud metadata service: 169.254.169.254, fd00:ec2::254.
  case cloudMetadata = "cloud-metadata"
  /// Inside a node's pod CIDR or the configured cluster CIDR, no pod known.
  case podCIDR = "pod-cidr"
  /// Inside the configured (or inferred) service CIDR, no Service known.
  case serviceCIDR = "service-cidr"
  /// RFC 1918, RFC 6598 (100.64.0.0/10) or unique-local fc00::/7.
  case privateNetwork = "private"
  /// Anything else: the internet.
  case publicInternet = "public"
  /// 0.0.0.0, ::.
  case unspecified
  /// 224.0.0.0/4, ff00::/8.
  case multicast
}

/// How sure a resolution is.
public enum IdentityConfidence: String, Sendable, Hashable, CaseIterable, Comparable {
  /// The holder of the address at that time is known.
  case exact
  /// The address lies in a known or configured range (or a standard one: RFC 1918, loopback).
  case cidrMatch = "cidr"
  /// Derived from what was seen (a service range inferred from ClusterIPs, a node address no
  /// longer held).
  case inferred

  private var rank: Int {
    switch self {
    case .exact: 0
    case .cidrMatch: 1
    case .inferred: 2
    }
  }

  /// Most certain first.
  public static func < (lhs: IdentityConfidence, rhs: IdentityConfidence) -> Bool {
    lhs.rank < rhs.rank
  }
}
