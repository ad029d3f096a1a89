import Foundation
import Testing
import VigilCore
import VigilDemo
import VigilJSON

/// The generator: deterministic, valid audit events, time order, a realistic mix.
@Suite struct DemoAuditLogTests {
  static let twoHours = Duration.seconds(7200)

  @Test func sameSeedSameLog() {
    let a = DemoAuditLog(seed: 7, duration: Self.twoHours).lines()
    let b = DemoAuditLog(seed: 7, duration: Self.twoHours).lines()
    #expect(a.count > 1000)
    #expect(a == b)
  }

  @Test func differentSeedsDiffer() {
    let a = DemoAuditLog(seed: 1, duration: Self.twoHours).lines()
    let b = DemoAuditLog(seed: 2, duration: Self.twoHours).lines()
    #expect(a != b)
    #expect(Set(a).isDisjoint(with: Set(b)))
  }

  @Test func everyLineIsANativeAuditEvent() throws {
    let day = DemoDayFixture.shared
    #expect(day.unparsable.isEmpty)
    let stages: Set<String> = ["RequestReceived", "ResponseStarted", "ResponseComplete"]
    let levels: Set<String> = ["Metadata", "Request", "RequestResponse"]
    let uuid = try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    var problems: [String] = []
    for e in day.entries {
      let r = e.root
      var ok = r["kind"]?.string == "Event" && r["apiVersion"]?.string == "audit.k8s.io/v1"
      ok = ok && levels.contains(r["level"]?.string ?? "") && stages.contains(e.stage)
      ok = ok && e.auditID.wholeMatch(of: uuid) != nil && !e.verb.isEmpty && e.uri.hasPrefix("/")
      ok =
        ok && r["user"]?.kind == .object && (r["sourceIPs"]?.count ?? 0) >= 1
        && !e.userAgent.isEmpty
      if let received = e.receivedTime, let stageTime = e.stageTime {
        ok = ok && received <= stageTime
      } else {
        ok = false
      }
      if e.stage == "RequestReceived" {
        ok =
          ok && r["responseStatus"] == nil && r["annotations"] == nil
          && e.receivedTime == e.stageTime
      } else {
        ok = ok && e.code != nil
        if e.code != 401 {
          let decision = r["annotations"]?["authorization.k8s.io/decision"]?.string
          ok = ok && (decision == "allow" || decision == "forbid")
          ok = ok && (decision == "forbid") == (e.code == 403)
        }
      }
      if !ok { problems.append(e.line) }
    }
    #expect(problems.isEmpty, "\(problems.count) malformed, first: \(problems.first ?? "")")
  }

  @Test func eventsAreInStageTimeOrderAndStagesInSequence() {
    let day = DemoDayFixture.shared
    var previous = Timestamp(nanoseconds: 0)
    var outOfOrder = 0
    var seen: [String: [String]] = [:]
    for e in day.entries {
      guard let t = e.stageTime else { continue }
      if t < previous { outOfOrder += 1 }
      previous = t
      seen[e.auditID, default: []].append(e.stage)
    }
    #expect(outOfOrder == 0)
    let rank = ["RequestReceived": 0, "ResponseStarted": 1, "ResponseComplete": 2]
    let badSequences = seen.values.filter { stages in
      let ranks = stages.compactMap { rank[$0] }
      return ranks != ranks.sorted() || Set(ranks).count != ranks.count
    }
    #expect(badSequences.isEmpty)
    let start = DemoAuditLog.defaultStart
    #expect(day.entries.first?.stageTime.map { $0 >= start } == true)
    #expect(day.entries.last?.stageTime.map { $0 < start.adding(.seconds(86_400)) } == true)
  }

  @Test func serializationEscapesLikeGo() {
    let day = DemoDayFixture.shared
    #expect(!day.entries.contains { $0.line.contains("&") || $0.line.contains("<") })
    #expect(day.entries.contains { $0.line.contains(#"\u0026"#) })
  }

  @Test func volumeMixIsRealistic() {
    let day = DemoDayFixture.shared
    let total = day.entries.count
    #expect((20_000...42_000).contains(total))
    let leases = day.entries.filter { $0.resource == "leases" }.count
    #expect(leases > total / 3 && leases < total * 3 / 4)
    let watches = day.entries.filter { $0.verb == "watch" }.count
    #expect(watches > 2000)
    let health = day.entries.filter {
      $0.user == "system:anonymous" && ["/readyz", "/healthz", "/livez"].contains($0.uri)
    }
    #expect(health.count > 1000)
    let humans = day.entries.filter { $0.user.hasSuffix("@example.com") }
    #expect(humans.count > 200)
    #expect(humans.contains { $0.subresource == "log" })
    let deploys = day.entries.filter {
      $0.user == "system:serviceaccount:ci:deployer" && $0.verb == "patch"
        && $0.stage == "ResponseComplete"
    }
    #expect(deploys.count >= 4)
    #expect(deploys.contains { $0.userAgent.hasPrefix("argocd-application-controller/v2.10") })
    #expect(deploys.contains { $0.userAgent.hasPrefix("helm/3.14") })
    let controllerPods = day.entries.filter {
      $0.user == "system:serviceaccount:kube-system:replicaset-controller" && $0.verb == "create"
        && $0.resource == "pods"
    }
    #expect(controllerPods.count >= 10)
    #expect(
      controllerPods.allSatisfy {
        $0.root["requestObject"]?["spec"] != nil && $0.root["responseObject"] != nil
      })
    for node in ["node-1", "node-2", "node-3"] {
      #expect(day.entries.contains { $0.user == "system:node:\(node)" && $0.resource == "leases" })
    }
  }

  @Test func benignDenialsStayOccasional() {
    let day = DemoDayFixture.shared
    let attackIDs = Set(day.attacks.flatMap(\.auditIDs))
    let denied = day.entries.filter {
      $0.code == 403 && !attackIDs.contains($0.auditID) && $0.stage == "ResponseComplete"
    }
    #expect(denied.count >= 10)
    var byUser: [String: [Int64]] = [:]
    for e in denied { byUser[e.user, default: []].append(e.stageTime?.nanoseconds ?? 0) }
    for (_, times) in byUser {
      for (i, t) in times.enumerated() {
        let inWindow = times[i...].prefix { $0 - t < 60_000_000_000 }.count
        #expect(inWindow < 5)
      }
    }
  }

  @Test func scaleChangesBenignVolume() {
    let small = DemoAuditLog(duration: Self.twoHours, scale: 0.5).lines().count
    let large = DemoAuditLog(duration: Self.twoHours, scale: 2).lines().count
    #expect(large > small * 2)
  }

  @Test func benchmarkLogHasRequestedSizeAndMix() throws {
    let lines = DemoAuditLog.benchmarkLog(events: 3000, seed: 3)
    #expect(lines.count == 3000)
    #expect(lines == DemoAuditLog.benchmarkLog(events: 3000, seed: 3))
    let average = lines.reduce(0) { $0 + $1.utf8.count } / lines.count
    #expect((1700...2600).contains(average), "average \(average) bytes")
    var verbs: Set<String> = []
    for line in lines {
      let doc = try JSONDocument(parsing: line)
      verbs.insert(doc.root["verb"]?.string ?? "")
    }
    #expect(verbs.isSuperset(of: ["create", "patch", "update", "get"]))
  }
}
