@testable import VigilNet

/// Seed frames and mutations shared by the capture fuzz tests.
enum CaptureFrameSamples {
  static let v4: [[UInt8]] = [[10, 96, 0, 10], [10, 244, 1, 11]]
  static let v6: [[UInt8]] = [
    [0xFD] + [UInt8](repeating: 0, count: 14) + [0x0A],
    [0xFD] + [UInt8](repeating: 0, count: 13) + [1, 0x0B],
  ]

  /// A valid DNS frame of one of several shapes, chosen by `index`.
  static func seed(_ index: Int, using random: inout DNSFuzzRandom) -> [UInt8] {
    let message = [
      DNSSamples.aResponse(), DNSSamples.cnameChain(), DNSSamples.aaaaResponse(),
    ][index % 3]
    var builder = CaptureFrameBuilder()
    if index % 5 == 1 { builder.vlanTags = [(0x8100, 5)] }
    if index % 7 == 2 { builder.ipv4Options = [1, 1, 1, 0] }
    if index % 6 == 3 { builder.ipv6Extensions = [(0, [0, 0, 1, 4, 0, 0, 0, 0])] }
    let addresses = index % 2 == 0 ? v4 : v6
    let port = UInt16.random(in: 1024...65535, using: &random)
    if index % 4 == 0 {
      let framed = [UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message
      return builder.tcp(framed + framed, from: addresses[0], 53, to: addresses[1], port)
    }
    return builder.udp(message, from: addresses[0], 53, to: addresses[1], port)
  }

  /// Flips, overwrites, cuts or inserts bytes, biased towards the headers.
  static func mutate(_ bytes: inout [UInt8], using random: inout DNSFuzzRandom) {
    for _ in 0..<Int.random(in: 1...3, using: &random) {
      guard !bytes.isEmpty else {
        bytes.append(UInt8.random(in: 0...255, using: &random))
        return
      }
      let limit = Bool.random(using: &random) ? min(bytes.count, 80) : bytes.count
      let index = Int.random(in: 0..<limit, using: &random)
      switch Int.random(in: 0..<5, using: &random) {
      case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
      case 1: bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
      case 2: bytes.removeSubrange(index...)
      case 3: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
      default: bytes[index] = [0, 0x45, 0x60, 53, 0xFF, 0x81].randomElement(using: &random) ?? 0
      }
    }
  }
}
