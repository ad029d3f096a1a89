import Testing

@testable import VigilNet

@Suite("DNSPacketDecoder")
struct DNSPacketDecoderTests {
  static let server4: [UInt8] = [10, 96, 0, 10]
  static let client4: [UInt8] = [10, 244, 1, 11]
  static let server6: [UInt8] = [0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0A]
  static let client6: [UInt8] = [0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x0B]

  /// `api.example.com` → 93.184.216.34, written with the test encoder (not the capture's).
  static func aResponse(id: UInt16 = 0x1234, name: String = "api.example.com") -> [UInt8] {
    var message = DNSTestEncoder(id: id, questions: 1, answers: 1)
    message.question(name)
    message.a(name, [93, 184, 216, 34])
    return message.bytes
  }

  @Test("IPv4 / UDP: the response's destination is the client")
  func ipv4UDP() throws {
    let frame = CaptureFrameBuilder().udp(
      Self.aResponse(), from: Self.server4, 53, to: Self.client4, 40_000)
    let packet = try DNSPacketDecoder.decode(frame, link: .ethernet)
    #expect(packet.sourceIP == "10.96.0.10")
    #expect(packet.destinationIP == "10.244.1.11")
    #expect(packet.sourcePort == 53 && packet.destinationPort == 40_000)
    #expect(packet.transport == .udp)
    #expect(packet.responses.count == 1)
    #expect(packet.responses.first?.answers.first?.data == .a("93.184.216.34"))
  }

  @Test("a frame written out byte by byte decodes to the same fields")
  func literalFrame() throws {
    let payload = Self.aResponse()
    var frame: [UInt8] = [0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00]
    let total = 20 + 8 + payload.count
    frame += [0x45, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 1, 0x40, 0, 64, 17, 0, 0]
    frame += [10, 96, 0, 10, 10, 244, 1, 11]
    let udpLength = 8 + payload.count
    frame += [0, 53, 0x9C, 0x40, UInt8(udpLength >> 8), UInt8(udpLength & 0xFF), 0, 0]
    frame += payload
    frame += [0, 0, 0, 0]  // Ethernet trailer padding beyond the IP length is ignored
    let packet = try DNSPacketDecoder.decode(frame, link: .ethernet)
    #expect(packet.destinationIP == "10.244.1.11" && packet.destinationPort == 40_000)
    #expect(packet.messages.count == 1 && packet.malformed.isEmpty)
  }

  @Test("IPv6 / UDP through hop-by-hop, routing and destination-options headers")
  func ipv6WithExtensions() throws {
    var builder = CaptureFrameBuilder()
    builder.ipv6Extensions = [
      (0, [0, 0, 1, 4, 0, 0, 0, 0]),  // hop-by-hop, PadN
      (43, [0, 1, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8)),  // routing, 16 bytes
      (60, [0, 0, 1, 4, 0, 0, 0, 0]),  // destination options
    ]
    let frame = builder.udp(Self.aResponse(), from: Self.server6, 53, to: Self.client6, 5353)
    let packet = try DNSPacketDecoder.decode(frame, link: .ethernet)
    #expect(packet.sourceIP == "fd00::a")
    #expect(packet.destinationIP == "fd00::10b")
    #expect(packet.responses.count == 1)
  }

  @Test("802.1Q and QinQ tags are stepped over", arguments: [1, 2])
  func vlanTags(count: Int) throws {
    var builder = CaptureFrameBuilder()
    builder.vlanTags = count == 1 ? [(0x8100, 42)] : [(0x88A8, 100), (0x8100, 42)]
    let frame = builder.udp(Self.aResponse(), from: Self.server4, 53, to: Self.client4, 1234)
    #expect(
      frame.count == CaptureFrameBuilder().udp(
        Self.aResponse(), from: Self.server4, 53, to: Self.client4, 1234
      ).count + 4 * count)
    let packet = try DNSPacketDecoder.decode(frame, link: .ethernet)
    #expect(packet.destinationIP == "10.244.1.11")
    #expect(packet.responses.count == 1)
  }

  @Test("raw IP frames (tun interfaces) start at the IP header", arguments: [4, 6])
  func rawIP(version: Int) throws {
    var builder = CaptureFrameBuilder()
    builder.link = .rawIP
    let frame =
      version == 4
      ? builder.udp(Self.aResponse(), from: Self.server4, 53, to: Self.client4, 1234)
      : builder.udp(Self.aResponse(), from: Self.server6, 53, to: Self.client6, 1234)
    #expect(frame.first.map { Int($0 >> 4) } == version)
    let packet = try DNSPacketDecoder.decode(frame, link: .rawIP)
    #expect(packet.responses.count == 1)
    #expect(PacketLinkType(hardwareType: 0xFFFE) == .rawIP)
    #expect(PacketLinkType(hardwareType: 1) == .ethernet)
    #expect(PacketLinkType(hardwareType: 32) == nil)
  }

  @Test("IPv4 options move the UDP header")
  func ipv4Options() throws {
    var builder = CaptureFrameBuilder()
    builder.ipv4Options = [0x94, 0x04, 0, 0, 1, 1, 1, 0]  // router alert, NOPs, end
    let frame = builder.udp(Self.aResponse(), from: Self.server4, 53, to: Self.client4, 999)
    let packet = try DNSPacketDecoder.decode(frame, link: .ethernet)
    #expect(packet.destinationPort == 999 && packet.responses.count == 1)
  }

  @Test("one TCP segment with two length-prefixed responses and the start of a third")
  func tcpSeveralMessages() throws {
    var second = DNSTestEncoder(id: 2, questions: 1, answers: 2)
    second.question("www.example.com")
    second.cname("www.example.com", "api.example.com")
    second.a("api.example.com", [93, 184, 216, 34])
    let first = Self.aResponse(id: 1)
    let third = Self.aResponse(id: 3)
    let payload =
      CaptureFrameBuilder.be16(UInt16(first.count)) + first + second.tcpFramed
      + CaptureFrameBuilder.be16(UInt16(third.count)) + third.prefix(5)
    let frame = CaptureFrameBuilder().tcp(payload, from: Self.server4, 53, to: Self.client4, 41_000)
    let packet = try DNSPacketDecoder.decode(frame, link: .ethernet)
    #expect(packet.transport == .tcp)
    #expect(packet.messages.map(\.header.id) == [1, 2])
    #expect(packet.partialMessages == 1)
    #expect(packet.malformed.isEmpty)
  }

  @Test("a TCP message with a bad body is reported and the next one still read")
  func tcpMalformedThenGood() throws {
    let good = Self.aResponse(id: 7)
    let bad: [UInt8] = [0, 9, 0x81, 0x80, 0, 1]  // header cut short inside its frame
    let payload =
      CaptureFrameBuilder.be16(UInt16(bad.count)) + bad
      + CaptureFrameBuilder.be16(UInt16(good.count)) + good
    let frame = CaptureFrameBuilder().tcp(payload, from: Self.server4, 53, to: Self.client4, 1)
    let packet = try DNSPacketDecoder.decode(frame, link: .ethernet)
    #expect(packet.malformed.map(\.code) == [.truncated])
    #expect(packet.messages.map(\.header.id) == [7])
  }

  @Test("fragments are reported, not read")
  func fragments() {
    var builder = CaptureFrameBuilder()
    builder.ipv4Fragment = 0x0010  // offset 16 × 8 bytes
    let later = builder.udp(Self.aResponse(), from: Self.server4, 53, to: Self.client4, 1)
    builder.ipv4Fragment = 0x2000  // more fragments, offset 0
    let firstFragment = builder.udp(Self.aResponse(), from: Self.server4, 53, to: Self.client4, 1)
    var v6 = CaptureFrameBuilder()
    v6.ipv6Extensions = [(44, [0, 0, 0x00, 0x11, 0, 0, 0, 1])]  // offset 2, M
    let later6 = v6.udp(Self.aResponse(), from: Self.server6, 53, to: Self.client6, 1)
    v6.ipv6Extensions = [(44, [0, 0, 0, 0, 0, 0, 0, 1])]  // atomic fragment: readable
    let atomic6 = v6.udp(Self.aResponse(), from: Self.server6, 53, to: Self.client6, 1)
    #expect(code(later) == .nonFirstFragment)
    #expect(code(firstFragment) == .firstFragment)
    #expect(code(later6) == .nonFirstFragment)
    #expect((try? DNSPacketDecoder.decode(atomic6, link: .ethernet))?.responses.count == 1)
  }

  @Test("other traffic and broken frames give a reason")
  func reasons() {
    let good = CaptureFrameBuilder().udp(
      Self.aResponse(), from: Self.server4, 53, to: Self.client4, 1)
    var arp = good
    arp[12] = 0x08
    arp[13] = 0x06
    #expect(code(arp) == .notIP)
    #expect(
      code(CaptureFrameBuilder().udp([1, 2], from: Self.server4, 80, to: Self.client4, 1))
        == .notDNSPort)
    #expect(
      code(CaptureFrameBuilder().ip([1, 2, 3, 4], proto: 1, from: Self.server4, to: Self.client4))
        == .notUDPOrTCP)
    #expect(
      code(CaptureFrameBuilder().tcp([], from: Self.server4, 53, to: Self.client4, 1))
        == .emptyPayload)
    #expect(code(Array(good.prefix(10))) == .truncatedLinkHeader)
    #expect(code(Array(good.prefix(40))) == .truncatedIPPacket)
    var badVersion = good
    badVersion[14] = 0x55
    #expect(code(badVersion) == .badIPVersion)
    var badHeader = good
    badHeader[14] = 0x44
    #expect(code(badHeader) == .badIPHeaderLength)
    var badUDP = good
    badUDP[14 + 20 + 4] = 0xFF
    #expect(code(badUDP) == .badUDPLength)
    #expect(code([0x70], link: .rawIP) == .badIPVersion)
    #expect(
      PacketDecodeError.Code.allCases.allSatisfy {
        !PacketDecodeError($0, at: 0).description.isEmpty
      })
  }

  func code(_ frame: [UInt8], link: PacketLinkType = .ethernet) -> PacketDecodeError.Code? {
    do {
      _ = try DNSPacketDecoder.decode(frame, link: link)
      return nil
    } catch {
      #expect(error.offset >= 0 && error.offset <= frame.count)
      return error.code
    }
  }
}
