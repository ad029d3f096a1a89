import Testing

@testable import VigilDetect

@Suite("HTTPRequestLine")
struct HTTPRequestLineTests {
  func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test("a full request: method, target, version and Host")
  func fullRequest() throws {
    let request = try #require(
      HTTPRequestLine(
        firstBytes: bytes(
          "GET /index.html HTTP/1.1\r\nUser-Agent: curl/8\r\nHost:  example.com \r\n\r\nbody")))
    #expect(request.method == "GET")
    #expect(request.target == "/index.html")
    #expect(request.version == "HTTP/1.1")
    #expect(request.host == "example.com")
  }

  @Test("absolute, asterisk and authority forms; truncated captures")
  func forms() {
    #expect(
      HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("POST http://a.example/x HTTP/1.0\r\n")))
    #expect(HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("OPTIONS * HTTP/1.1\r\n")))
    #expect(HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("CONNECT a.example:443 HTTP/1.1\r\n")))
    #expect(HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("GET /very/long/pa")))
    #expect(HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("GET / HTT")))
    #expect(HTTPRequestLine(firstBytes: bytes("GET / HTTP/1.1"))?.version == "HTTP/1.1")
    #expect(HTTPRequestLine(firstBytes: bytes("GET / HTTP/1.1\r\n\r\nHost: late"))?.host == nil)
  }

  @Test("TLS, SSH, stratum, other verbs and malformed lines are not HTTP")
  func notHTTP() {
    let tls: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]
    #expect(!HTTPRequestLine.looksLikeHTTP(firstBytes: tls))
    #expect(!HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("SSH-2.0-OpenSSH_9.6\r\n")))
    #expect(
      !HTTPRequestLine.looksLikeHTTP(
        firstBytes: bytes("{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[]}\n")))
    #expect(!HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("FETCH / HTTP/1.1\r\n")))
    #expect(!HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("GET index.html HTTP/1.1\r\n")))
    #expect(!HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("GET / HTTP/2.0\r\n")))
    #expect(!HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("GET / FTP/1.1\r\n")))
    #expect(!HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("GET  / HTTP/1.1\r\n")))
    #expect(!HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("OPTIONS")))
    #expect(!HTTPRequestLine.looksLikeHTTP(firstBytes: bytes("get / HTTP/1.1\r\n")))
    #expect(!HTTPRequestLine.looksLikeHTTP(firstBytes: [UInt8]()))
  }
}
