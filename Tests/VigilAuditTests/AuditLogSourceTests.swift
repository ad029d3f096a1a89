import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilJSON
import VigilTesting

/// Reading files, directories and gzip, JSON lines and pretty documents, with exact positions.
@Suite struct AuditLogSourceTests {
  static func readAll(
    _ paths: [String], configuration: AuditLogSource.Configuration = .init()
  ) throws -> (events: [Event], source: AuditLogSource) {
    var source = try AuditLogSource(paths: paths, configuration: configuration)
    var events: [Event] = []
    while let event = source.next() { events.append(event) }
    return (events, source)
  }

  @Test func jsonLinesWithBadLines() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let lines = [
      AuditSamples.event(auditID: "1"),
      "",
      #"{"auditID": "2", "verb": "#,
      AuditSamples.event(auditID: "3"),
      "not json at all",
      #"{"kind": 0}"#,
      "   ",
      AuditSamples.event(auditID: "4") + "\r",
      AuditSamples.event(auditID: "5"),
    ]
    let path = try dir.write("audit.log", lines.joined(separator: "\n"))
    let (events, source) = try Self.readAll([path])
    #expect(events.map { $0.audit?.auditID } == ["1", "3", "4", "5"])
    #expect(events.map(\.position.line) == [1, 4, 8, 9])
    #expect(events.allSatisfy { $0.position.file == path })
    #expect(source.diagnostics.map(\.position.line) == [3, 5, 6])
    #expect(source.diagnostics.map(\.code) == [.notJSON, .notJSON, .notAuditEvent])
    #expect(
      source.diagnostics[0].description
        == "\(path):3: not JSON: unexpected end of input at offset 24")
    #expect(
      source.diagnostics[1].description == "\(path):5: not JSON: unexpected byte 'o' at offset 1")
    #expect(source.statistics.linesRead == 9)
    #expect(source.statistics.eventsDecoded == 4)
    #expect(source.statistics.documentsRead == 7)
    #expect(source.statistics.count(.notJSON) == 2)
    #expect(source.statistics.bytesRead == lines.joined(separator: "\n").utf8.count)
  }

  @Test func prettyMultiDocumentFile() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let pretty = """
      {
        "kind": "Event",
        "auditID": "p1",
        "verb": "get",
        "requestURI": "/api/v1/pods?x={[\\"]}"
      }

      [
        {"auditID": "p2", "verb": "list"},
        {"auditID": "p3", "verb": "list"}
      ]
      {"kind": "EventList", "items": [
        {"auditID": "p4", "verb": "watch"}
      ]}
      oops
      {
        "auditID": "p5",
      }
      {"auditID": "p6", "verb": "get"}
      """
    let path = try dir.write("pretty.json", pretty)
    let (events, source) = try Self.readAll([path])
    #expect(events.map { $0.audit?.auditID } == ["p1", "p2", "p3", "p4", "p6"])
    #expect(events.map(\.position.line) == [1, 8, 8, 12, 19])
    #expect(events[0].audit?.requestURI == #"/api/v1/pods?x={["]}"#)
    #expect(source.diagnostics.map(\.position.line) == [15, 16])
    #expect(source.diagnostics.map(\.code) == [.notJSON, .notJSON])
    #expect(source.statistics.linesRead == 18)
  }

  @Test func unterminatedDocumentAtTheEnd() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write(
      "cut.json", "{\n \"auditID\": \"a\", \"verb\": \"get\"}\n{\n \"auditID\": \"b\",\n")
    let (events, source) = try Self.readAll([path])
    #expect(events.count == 1)
    #expect(source.diagnostics.first?.position.line == 3)
    #expect(source.diagnostics.first?.code == .notJSON)
  }

  @Test func gzipFilesIncludingConcatenatedMembers() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let first =
      (1...300).map { AuditSamples.event(auditID: "g\($0)") }.joined(separator: "\n") + "\n"
    let second =
      (301...600).map { AuditSamples.event(auditID: "g\($0)") }.joined(separator: "\n") + "\n"
    let path = try dir.write("audit.log.gz", gzip(Array(first.utf8)) + gzip(Array(second.utf8)))
    var configuration = AuditLogSource.Configuration()
    configuration.chunkSize = 1 << 16
    let (events, source) = try Self.readAll([path], configuration: configuration)
    #expect(events.count == 600)
    #expect(events.last?.audit?.auditID == "g600")
    #expect(events.last?.position == SourcePosition(file: path, line: 600))
    #expect(source.diagnostics.isEmpty)
    #expect(source.statistics.bytesRead == first.utf8.count + second.utf8.count)
    #expect(source.statistics.fileBytesRead < source.statistics.bytesRead / 4)
  }

  @Test func corruptGzipIsADiagnosticAndTheNextFileIsRead() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let text = (1...50).map { AuditSamples.event(auditID: "c\($0)") }.joined(separator: "\n")
    let compressed = gzip(Array(text.utf8))
    try dir.write("a.gz", Array(compressed.prefix(compressed.count / 2)))
    try dir.write("b.log", AuditSamples.event(auditID: "after"))
    let (events, source) = try Self.readAll([dir.url.path])
    #expect(events.last?.audit?.auditID == "after")
    #expect(source.statistics.count(.decompression) == 1)
    #expect(
      source.diagnostics.first?.message.contains("gzip: unexpected end of compressed data") == true)
  }

  @Test func directoriesAreReadSortedRecursivelySkippingHidden() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write("b/2.log", AuditSamples.event(auditID: "b2"))
    try dir.write("b/1.log", AuditSamples.event(auditID: "b1"))
    try dir.write("a.log", AuditSamples.event(auditID: "a"))
    try dir.write(".hidden.log", AuditSamples.event(auditID: "hidden"))
    try dir.write(".git/x.log", AuditSamples.event(auditID: "hidden2"))
    let (events, source) = try Self.readAll([dir.url.path])
    #expect(events.map { $0.audit?.auditID } == ["a", "b1", "b2"])
    #expect(source.files.count == 3)
    #expect(source.statistics.filesRead == 3)
  }

  @Test func missingPathThrows() {
    #expect(throws: AuditInputError.self) {
      _ = try AuditLogSource(paths: ["/nonexistent/vigil/audit.log"])
    }
  }

  @Test func duplicatesAreDroppedAndCounted() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let lines = [
      AuditSamples.event(auditID: "d1", stage: "ResponseStarted"),
      AuditSamples.event(auditID: "d1", stage: "ResponseComplete"),
      AuditSamples.event(auditID: "d1", stage: "ResponseComplete"),
      AuditSamples.event(auditID: "d2"),
    ]
    let path = try dir.write("dup.log", lines.joined(separator: "\n"))
    var handled: [InputDiagnostic] = []
    var source = try AuditLogSource(paths: [path, path]) { handled.append($0) }
    var events: [Event] = []
    while let event = source.next() { events.append(event) }
    #expect(events.count == 3)
    #expect(source.statistics.count(.duplicate) == 5)
    #expect(source.statistics.problems == 0)
    #expect(handled.isEmpty && source.diagnostics.isEmpty)
    var configuration = AuditLogSource.Configuration()
    configuration.deduplicate = false
    #expect(try Self.readAll([path], configuration: configuration).events.count == 4)
  }

  @Test func diagnosticHandlerAndBoundedList() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("bad.log", (1...20).map { "bad \($0)" }.joined(separator: "\n"))
    var configuration = AuditLogSource.Configuration()
    configuration.maxRetainedDiagnostics = 5
    var handled = 0
    var source = try AuditLogSource(paths: [path], configuration: configuration) { _ in handled += 1
    }
    while source.next() != nil {}
    #expect(handled == 20)
    #expect(source.diagnostics.count == 5)
    #expect(source.statistics.count(.notJSON) == 20)
  }

  @Test func largeFileAcrossManyChunks() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let lines = (1...2_000).map {
      AuditSamples.event(auditID: "l\($0)", bodyBytes: $0 % 7 == 0 ? 3_000 : 10)
    }
    let path = try dir.write("big.log", lines.joined(separator: "\n") + "\n")
    var configuration = AuditLogSource.Configuration()
    configuration.chunkSize = 1 << 16
    let (events, source) = try Self.readAll([path], configuration: configuration)
    #expect(events.count == 2_000)
    #expect(events.enumerated().allSatisfy { $0.element.position.line == $0.offset + 1 })
    #expect(source.statistics.linesRead == 2_000)
  }

  @Test(arguments: [false, true])
  func documentsLongerThanSeveralChunks(compressed: Bool) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    // Lines of about 200 KB between short ones, read 64 KiB at a time: the read buffer grows.
    let lines = (1...9).map {
      AuditSamples.event(auditID: "h\($0)", bodyBytes: $0 % 3 == 0 ? 200_000 : 10)
    }
    let text = lines.joined(separator: "\n") + "\n"
    let pretty =
      "\n"
      + lines[2].replacingOccurrences(of: #""h3""#, with: #""p3""#)
      .replacingOccurrences(of: ",", with: ",\n  ") + "\n"
    let name = compressed ? "long.log.gz" : "long.log"
    let bytes = Array(text.utf8)
    let path = try dir.write(name, compressed ? gzip(bytes) : bytes)
    let prettyPath = try dir.write(
      "pretty-" + name, compressed ? gzip(Array(pretty.utf8)) : Array(pretty.utf8))
    var configuration = AuditLogSource.Configuration()
    configuration.chunkSize = 1 << 16
    let (events, source) = try Self.readAll([path, prettyPath], configuration: configuration)
    #expect(events.map { $0.audit?.auditID } == (1...9).map { "h\($0)" } + ["p3"])
    #expect(events.map(\.position.line) == Array(1...9) + [2])
    #expect(events[2].audit?.document.bytes.count ?? 0 > 200_000)
    #expect(source.diagnostics.isEmpty)
    #expect(source.statistics.bytesRead == text.utf8.count + pretty.utf8.count)
  }

  @Test(.enabled(if: SharedData.shouldRun, "../shared is absent (not a CI run)"))
  func falcoEventsDirectory() throws {
    let folder = try SharedData.require("anchors/falco-k8saudit/events")
    let (events, source) = try Self.readAll([folder.path])
    #expect(events.count == 31)
    #expect(source.statistics.count(.notAuditEvent) == 1)
    #expect(source.diagnostics.first?.position.file.hasSuffix("fal_01_003.json") == true)
    #expect(source.diagnostics.first?.position.line == 1)
  }
}
