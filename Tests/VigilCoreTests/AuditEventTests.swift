import Testing
import VigilCore
import VigilJSON

/// `requestURI`, `sourceIPs` and `userAgent`: as given, or read from the document when the event
/// was decoded.
@Suite struct AuditEventTests {
  static func event(_ json: String, given: Bool) throws -> AuditEvent {
    let document = try JSONDocument(parsing: json)
    if given {
      return AuditEvent(
        auditID: "a", stage: nil, verb: "get", requestURI: "/", level: nil,
        user: UserInfo(username: "u"), impersonatedUser: nil, sourceIPs: ["192.0.2.1"],
        userAgent: "given", objectRef: nil, responseCode: nil, requestReceivedAt: nil,
        stageAt: nil, shape: .native, truncated: false, document: document)
    }
    return AuditEvent(
      auditID: "a", stage: nil, verb: "get", level: nil,
      user: UserInfo(username: "u"), impersonatedUser: nil, objectRef: nil, responseCode: nil,
      requestReceivedAt: nil, stageAt: nil, shape: .native, truncated: false, document: document)
  }

  @Test func givenValuesWinOverTheDocument() throws {
    let audit = try Self.event(#"{"sourceIPs":["10.0.0.1"],"userAgent":"doc"}"#, given: true)
    #expect(audit.sourceIPs == ["192.0.2.1"])
    #expect(audit.userAgent == "given")
    #expect(audit.requestURI == "/")
  }

  @Test func readsTheDocumentWhenDecoded() throws {
    let audit = try Self.event(
      #"{"sourceIPs":["10.0.0.1",7,"10.0.0.2"],"userAgent":"k\u0075bectl","sourceIPs":["x"],"#
        + #""userAgent":"second","requestURI":"/api?x=1","requestURI":"/b"}"#, given: false)
    #expect(audit.sourceIPs == ["10.0.0.1", "10.0.0.2"])
    #expect(audit.userAgent == "kubectl")
    #expect(audit.requestURI == "/api?x=1")
  }

  @Test(arguments: [
    #"{}"#, #"{"sourceIPs":"10.0.0.1","userAgent":7}"#,
    #"{"sourceIPs":null,"userAgent":null,"requestURI":1}"#, #"[1]"#,
  ])
  func absentOrMistypedReadsAsEmpty(_ json: String) throws {
    let audit = try Self.event(json, given: false)
    #expect(audit.sourceIPs.isEmpty)
    #expect(audit.userAgent == nil)
    #expect(audit.requestURI == "")
  }
}
