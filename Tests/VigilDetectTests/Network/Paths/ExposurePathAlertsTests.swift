import Testing
import VigilCore
import VigilKube
import VigilNet

@testable import VigilDetect

@Suite struct ExposurePathAlertsTests {
  typealias F = ExposurePathFixtures

  @Test func aNewObservedPathRaisesOneAlertWithTechniqueAndControls() throws {
    var alerts = ExposurePathAlerts()
    let result = ExposurePaths(
      exposures: [F.loadBalancer], graph: F.graph(), workloads: F.workloads,
      policies: NetworkPolicyModel())
    let raised = alerts.alerts(for: result, at: F.time(4000))
    #expect(raised.count == 1, "policy-allowed paths do not alert")
    let alert = try #require(raised.first)
    #expect(alert.rule == ExposurePathAlerts.rule)
    #expect(alert.severity == .critical)
    #expect(alert.count == 80)
    #expect(alert.subject.namespace == "shop" && alert.subject.name == "web")
    #expect(alert.output.contains("LoadBalancer shop/web :443 reaches sensitive shop/sts/postgres"))
    let controls = Set(alert.controls.map { "\($0.framework.rawValue):\($0.id)" })
    for expected in [
      "mitre-attack:T1190", "soc2:CC6.6", "nist-800-53:SC-7", "nist-800-53:AC-4", "cis-k8s:5.3.2",
      "pci-dss:1.3.1", "iso27001:A.8.22",
    ] {
      #expect(controls.contains(expected), "\(expected) missing from \(controls)")
    }
    #expect(alert.fields.first { $0.name == "path.target" }?.value == "shop/sts/postgres")
    // The same path again: aggregated, no new alert.
    #expect(alerts.alerts(for: result, at: F.time(5000)).isEmpty)
  }

  @Test func aSecondPathAlertsAndAnOldOneComesBackAfterTheWindow() throws {
    var alerts = ExposurePathAlerts(window: .seconds(3600))
    let first = ExposurePaths(exposures: [F.loadBalancer], graph: F.graph(), workloads: F.workloads)
    #expect(alerts.alerts(for: first, at: F.time(4000)).count == 1)
    // The frontend now talks to redis directly.
    let busier = ExposurePaths(
      exposures: [F.loadBalancer],
      graph: F.graph(extra: [
        F.edge(F.id(F.frontend), F.id(F.redis), 6379, connections: 7, first: 4100, last: 4200),
        F.edge(F.id(F.api), F.id(F.postgres), 5433, connections: 40, first: 4100, last: 4200),
      ]), workloads: F.workloads)
    let raised = alerts.alerts(for: busier, at: F.time(4300))
    #expect(
      raised.map { $0.fields.first { $0.name == "path.target" }?.value } == ["shop/deploy/redis"])
    #expect(raised.first?.time == F.time(4100))
    // After the window, the postgres path is raised again with the connections since.
    let later = alerts.alerts(for: busier, at: F.time(8000))
    let postgres = try #require(later.first { $0.output.contains("postgres") })
    #expect(postgres.count == 40)
    #expect(alerts.trackedPaths == 2)
  }
}
