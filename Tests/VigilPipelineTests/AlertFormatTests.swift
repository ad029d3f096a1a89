import Foundation
import Testing
import VigilCore
import VigilPipeline

@Suite struct AlertFormatTests {
  static let alert = Alert(
    rule: "Attach/Exec Pod", severity: .notice,
    time: Timestamp(rfc3339: "2018-10-26T13:42:46.808261Z") ?? Timestamp(nanoseconds: 0),
    output:
      "Attach/Exec to pod (user=minikube-user pod=nginx ns=default action=attach command=<NA>)",
    source: "k8s_audit", tags: ["k8s", "T1609", "soc2:CC6.1"],
    fields: [
      AlertField(name: "ka.user.name", value: "minikube-user"),
      AlertField(name: "ka.uri.param[command]", value: nil),
    ],
    subject: AlertSubject(
      user: "minikube-user", sourceIP: "192.168.99.1", namespace: "default", resource: "pods",
      name: "nginx"),
    evidence: [
      Evidence(
        auditID: "14933b4e", stage: "ResponseStarted",
        time: Timestamp(nanoseconds: 1_540_561_366_808_261_000),
        position: SourcePosition(file: "attach_pod.json", line: 1))
    ], dedupKey: "0123456789abcdef", count: 2)

  @Test func falcoFormatMatchesFalcosJSONOutput() throws {
    let line = FalcoAlertJSON.line(Self.alert, hostname: "node-1")
    #expect(line.hasSuffix("}\n"))
    // Exact golden text: Falco's key order, nanosecond time, "<NA>" for missing fields.
    #expect(
      line
        == #"{"hostname":"node-1","output":"13:42:46.808261000: Notice Attach/Exec to pod (user=minikube-user pod=nginx ns=default action=attach command=<NA>)","priority":"Notice","rule":"Attach/Exec Pod","source":"k8s_audit","tags":["k8s","T1609","soc2:CC6.1"],"time":"2018-10-26T13:42:46.808261000Z","output_fields":{"ka.user.name":"minikube-user","ka.uri.param[command]":"<NA>"}}"#
        + "\n")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(
      Set(object.keys) == [
        "hostname", "output", "priority", "rule", "source", "tags", "time", "output_fields",
      ])
  }

  @Test func jsonLinesRoundTripEveryField() throws {
    let line = AlertJSON.line(Self.alert)
    #expect(line.split(separator: "\n").count == 1)
    let decoded = try AlertJSON.decode(line)
    #expect(decoded == Self.alert)
    #expect(line.contains(#""controls":[{"framework":"mitre-attack","id":"T1609"}"#))
  }

  @Test func tableShowsWhoWhatWhereAndCount() {
    let text = AlertFormat.table.render([Self.alert], header: true)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("TIME"))
    #expect(lines[1].hasPrefix("2018-10-26 13:42:46"))
    #expect(lines[1].contains("NOTICE"))
    #expect(lines[1].contains("minikube-user"))
    #expect(lines[1].contains("pods default/nginx"))
    #expect(lines[1].hasSuffix("2"))
    #expect(lines[2].contains("Attach/Exec to pod"))
  }
}

@Suite struct AlertJSONEncodingTests {
  /// The hand-written encoder writes exactly what Foundation's JSONEncoder (sorted keys) writes.
  @Test func matchesFoundationsEncoderByteForByte() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var alert = AlertFormatTests.alert
    for variant in 0..<3 {
      if variant == 1 {
        alert.subject = AlertSubject()
        alert.evidence[0].auditID = nil
        alert.output = "quotes \" and \\ backslashes, é, 😀, tab\there"
      }
      if variant == 2 {
        alert.tags = []
        alert.fields = []
        alert.controls = []
        alert.evidence = []
      }
      let foundation = String(decoding: try encoder.encode(alert), as: UTF8.self) + "\n"
      #expect(AlertJSON.line(alert) == foundation)
      #expect(try AlertJSON.decode(AlertJSON.line(alert)) == alert)
    }
  }
}
