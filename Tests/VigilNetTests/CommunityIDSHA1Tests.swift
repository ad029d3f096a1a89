import Testing

@testable import VigilNet

@Suite struct CommunityIDSHA1Tests {
  private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
  }

  @Test func fips180Vectors() {
    #expect(hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(hex(SHA1.digest([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    // Two-block message (448 bits of input).
    #expect(
      hex(SHA1.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
        == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
  }

  @Test func oneMillionAs() {
    let digest = SHA1.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
    #expect(hex(digest) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
  }

  @Test func base64Padding() {
    #expect(CommunityID.base64([]) == "")
    #expect(CommunityID.base64(Array("f".utf8)) == "Zg==")
    #expect(CommunityID.base64(Array("fo".utf8)) == "Zm8=")
    #expect(CommunityID.base64(Array("foobar".utf8)) == "Zm9vYmFy")
  }
}
