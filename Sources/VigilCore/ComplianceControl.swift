/// A compliance control or ATT&CK technique that an alert gives evidence for.
public struct ComplianceControl: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The frameworks Vigil maps alerts to.
  public enum Framework: String, Sendable, Hashable, Codable, CaseIterable {
    /// AICPA SOC 2 Trust Services Criteria (`CC6.1`).
    case soc2
    /// NIST SP 800-53 rev. 5 (`AC-6`).
    case nist = "nist-800-53"
    /// CIS Kubernetes Benchmark section (`5.1.1`).
    case cis = "cis-k8s"
    /// PCI DSS v4 requirement (`10.2.1`).
    case pci = "pci-dss"
    /// ISO/IEC 27001:2022 Annex A control (`A.8.2`).
    case iso27001
    /// MITRE ATT&CK technique (Containers matrix, `T1609`).
    case mitre = "mitre-attack"

    /// The tag prefixes that name this framework in rule tags (`soc2:CC6.1`).
    var tagPrefixes: [String] {
      switch self {
      case .soc2: ["soc2"]
      case .nist: ["nist", "nist-800-53", "nist_800_53"]
      case .cis: ["cis", "cis-k8s"]
      case .pci: ["pci", "pci-dss", "pci_dss"]
      case .iso27001: ["iso27001", "iso"]
      case .mitre: ["mitre", "attack"]
      }
    }
  }

  /// The framework.
  public var framework: Framework
  /// The control's identifier within the framework.
  public var id: String

  /// Creates a control.
  public init(framework: Framework, id: String) {
    self.framework = framework
    self.id = id
  }

  /// Reads a rule tag: `soc2:CC6.1`, `nist:AC-6`, `cis:5.1.1`, `pci:10.2.1`, `iso27001:A.8.2`,
  /// `mitre:T1609`, or a bare ATT&CK technique (`T1609`, `T1078.001`) as Falco's rules write it.
  public init?(tag: String) {
    if let colon = tag.firstIndex(of: ":") {
      let id = String(tag[tag.index(after: colon)...])
      guard !id.isEmpty, let framework = Self.frameworksByPrefix[tag[..<colon].lowercased()]
      else { return nil }
      self.init(framework: framework, id: id)
      return
    }
    let utf8 = tag.utf8
    guard utf8.count >= 5, utf8.first == UInt8(ascii: "T"),
      utf8.dropFirst().allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") })
    else { return nil }
    self.init(framework: .mitre, id: tag)
  }

  /// Every tag prefix and the framework it names.
  static let frameworksByPrefix: [String: Framework] = Dictionary(
    Framework.allCases.flatMap { framework in framework.tagPrefixes.map { ($0, framework) } },
    uniquingKeysWith: { first, _ in first })

  /// The controls named by a rule's tags, in tag order, without duplicates.
  public static func controls(forTags tags: [String]) -> [ComplianceControl] {
    var seen = Set<ComplianceControl>()
    return tags.compactMap(ComplianceControl.init(tag:)).filter { seen.insert($0).inserted }
  }

  /// `soc2:CC6.1`.
  public var description: String { "\(framework.rawValue):\(id)" }
}
