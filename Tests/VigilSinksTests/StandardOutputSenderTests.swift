import Testing
import VigilCore
import VigilPipeline

@testable import VigilSinks

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct StandardOutputSenderTests {
  @Test func writesOneJSONLinePerAlert() async throws {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    let alerts = [SinkFixtures.alert(rule: "one"), SinkFixtures.alert(rule: "two")]
    let sender = StandardOutputSender(fd: fds[1])
    for alert in alerts { try await sender.send(alert, deliveryID: 1) }
    close(fds[1])
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
      if count <= 0 { break }
      bytes += chunk[..<count]
    }
    close(fds[0])
    #expect(String(decoding: bytes, as: UTF8.self) == alerts.map(AlertJSON.line).joined())
  }

  @Test func aClosedDescriptorIsAWriteFailure() async throws {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    close(fds[0])
    close(fds[1])
    let sender = StandardOutputSender(fd: fds[1])
    await #expect(throws: SendError.self) {
      try await sender.send(SinkFixtures.alert(), deliveryID: 1)
    }
  }
}
