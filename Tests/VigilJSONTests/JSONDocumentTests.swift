import Testing
import VigilJSON

@Suite struct JSONDocumentTests {
  static let event = """
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse",\
    "auditID":"5b2c1e0a","stage":"ResponseComplete","verb":"create",\
    "user":{"username":"system:serviceaccount:default:deployer","groups":["system:serviceaccounts","system:authenticated"]},\
    "sourceIPs":["10.0.0.7"],"objectRef":{"resource":"pods","namespace":"default","name":"web-1"},\
    "responseStatus":{"code":201},"requestObject":{"spec":{"containers":[{"name":"web","image":"nginx:1.27",\
    "securityContext":{"privileged":true}}]}},"ratio":0.25,"note":null}
    """

  @Test func readsFieldsByPath() throws {
    let doc = try JSONDocument(parsing: Self.event)
    let root = doc.root
    #expect(root.kind == .object)
    #expect(root["verb"]?.string == "create")
    #expect(
      root.value(atPath: ["user", "username"])?.string == "system:serviceaccount:default:deployer")
    #expect(root.value(atPath: ["user", "groups", "1"])?.string == "system:authenticated")
    #expect(root.value(atPath: ["responseStatus", "code"])?.int == 201)
    #expect(
      root.value(atPointer: "/requestObject/spec/containers/0/securityContext/privileged")?.bool
        == true)
    #expect(root["ratio"]?.double == 0.25)
    #expect(root["note"]?.isNull == true)
    #expect(root["missing"] == nil)
    #expect(root["user"]?["groups"]?.count == 2)
    #expect(root["objectRef"]?.keys == ["resource", "namespace", "name"])
    #expect(
      root["user"]?["groups"]?.displayString
        == #"["system:serviceaccounts","system:authenticated"]"#)
  }

  @Test func rejectsTrailingComma() {
    #expect(throws: JSONParseError(code: .unexpectedByte(UInt8(ascii: "]")), offset: 3)) {
      try JSONDocument(parsing: "[1,]")
    }
  }
}
