import Testing
import VigilCore

@testable import VigilRules

/// `jevt.*` and `json.*`.
@Suite struct JEVTFieldsTests {
  typealias F = FieldFixtures

  @Test func timesComeFromStageTimestamp() throws {
    let event = try F.event(FieldSamples.exec)
    let stage = try #require(Timestamp(rfc3339: "2024-05-01T10:10:00.500000123Z"))
    #expect(try F.value("jevt.rawtime", event) == .number(stage.nanoseconds))
    #expect(try F.value("json.rawtime", event) == .number(stage.nanoseconds))
    #expect(try F.value("jevt.time", event) == .string("10:10:00.500000123"))
    #expect(try F.value("jevt.time.iso8601", event) == .string("2024-05-01T10:10:00.500000123Z"))
  }

  @Test func valueByJSONPointer() throws {
    let event = try F.event(FieldSamples.exec)
    for name in ["jevt.value", "json.value"] {
      #expect(try F.value(name, event, .key("/stage")) == .string("ResponseStarted"))
      #expect(try F.value(name, event, .key("/responseStatus/code")) == .string("101"))
      #expect(try F.value(name, event, .key("/sourceIPs/0")) == .string("10.2.0.5"))
      #expect(
        try F.value(name, event, .key("/objectRef"))
          == .string(
            #"{"resource":"pods","namespace":"prod","name":"web","subresource":"exec","apiVersion":"v1"}"#
          ))
      #expect(try F.value(name, event, .key("/requestObject")) == .missing)
      #expect(try F.value(name, event, .key("/a~1~0b")) == .missing)
    }
    let pod = try F.event(FieldSamples.pod)
    #expect(
      try F.value("jevt.value", pod, .key("/annotations/authorization.k8s.io~1decision"))
        == .string("allow"))
    #expect(
      try F.value("jevt.value", pod, .key("/requestObject/spec/volumes/1/hostPath"))
        == .string(#"{"path":"/var/run/docker.sock","type":"Socket"}"#))
  }

  @Test func objIsTheWholeEventAsCompactJSON() throws {
    let event = try F.event(FieldSamples.metadataOnly)
    let compact = String(FieldSamples.metadataOnly.filter { $0 != "\n" && $0 != " " })
    #expect(try F.value("jevt.obj", event) == .string(compact))
    #expect(try F.value("json.obj", event) == .string(compact))
  }
}
