import Testing

@testable import VigilNet

@Suite("PacketCaptureFilter")
struct PacketCaptureFilterTests {
  let filter = BPFInterpreter(program: PacketCaptureFilter.dns)
  let v4a: [UInt8] = [10, 0, 0, 1]
  let v4b: [UInt8] = [10, 0, 0, 2]
  let v6a: [UInt8] = [0xFD] + [UInt8](repeating: 0, count: 14) + [1]
  let v6b: [UInt8] = [0xFD] + [UInt8](repeating: 0, count: 14) + [2]

  @Test("the program assembles, fits the kernel's limits and ends in returns")
  func assembles() {
    #expect(!PacketCaptureFilter.dns.isEmpty)
    #expect(PacketCaptureFilter.dns.count < 4096)
    #expect(PacketCaptureFilter.dns.last?.code == BPFInstruction.returnConstant)
  }

  @Test("DNS over UDP and TCP, IPv4 and IPv6, tagged or raw, is kept; other traffic dropped")
  func keepsDNSOnly() {
    var tagged = CaptureFrameBuilder()
    tagged.vlanTags = [(0x8100, 7)]
    var qinq = CaptureFrameBuilder()
    qinq.vlanTags = [(0x88A8, 1), (0x8100, 7)]
    var raw = CaptureFrameBuilder()
    raw.link = .rawIP
    var options = CaptureFrameBuilder()
    options.ipv4Options = [1, 1, 1, 0]
    for (builder, hatype) in [
      (CaptureFrameBuilder(), UInt32(1)), (tagged, 1), (qinq, 1), (raw, 0xFFFE), (options, 772),
    ] {
      for (source, destination) in [(v4a, v4b), (v6a, v6b)] {
        #expect(kept(builder.udp([1, 2, 3], from: source, 53, to: destination, 999), hatype))
        #expect(kept(builder.udp([1, 2, 3], from: source, 999, to: destination, 53), hatype))
        #expect(kept(builder.tcp([1, 2, 3], from: source, 53, to: destination, 999), hatype))
        #expect(!kept(builder.udp([1, 2, 3], from: source, 999, to: destination, 54), hatype))
        #expect(!kept(builder.tcp([1, 2, 3], from: source, 443, to: destination, 8080), hatype))
        #expect(!kept(builder.ip([8, 0, 0, 0], proto: 1, from: source, to: destination), hatype))
      }
    }
    var arp = CaptureFrameBuilder().udp([1], from: v4a, 53, to: v4b, 53)
    arp[12] = 0x08
    arp[13] = 0x06
    #expect(!kept(arp, 1))
  }

  /// Every frame the decoder reads as DNS must pass the filter (the filter may keep more).
  @Test("on random frames, the filter keeps everything the decoder reads as DNS")
  func neverDropsWhatTheDecoderReads() {
    var random = DNSFuzzRandom(state: 0xF1_17E2)
    var decoded = 0
    for iteration in 0..<5_000 {
      var frame = CaptureFrameSamples.seed(iteration, using: &random)
      CaptureFrameSamples.mutate(&frame, using: &random)
      if (try? DNSPacketDecoder.decode(frame, link: .ethernet)) != nil {
        decoded += 1
        #expect(kept(frame, 1), "\(frame)")
      }
    }
    #expect(decoded > 100)
  }

  func kept(_ frame: [UInt8], _ hardwareType: UInt32) -> Bool {
    (filter.run(frame, hardwareType: hardwareType) ?? 0) > 0
  }
}
