import Testing

@testable import VigilKube

@Suite struct IdentityAddressTests {
  @Test(arguments: [
    "10.244.1.5", "0.0.0.0", "255.255.255.255", "fd00:10:244:1::7", "::1", "::", "fe80::1",
    "2001:db8::8:800:200c:417a", "1:2:3:4:5:6:7:8", "fd00:ec2::254",
  ])
  func roundTrips(_ text: String) throws {
    let ip = try #require(IPAddress(text))
    #expect(ip.description == text)
  }

  @Test func ipv4MappedAndCase() throws {
    #expect(IPAddress("::ffff:10.0.0.1") == IPAddress("10.0.0.1"))
    #expect(IPAddress("FD00::AB") == IPAddress("fd00::ab"))
    #expect(IPAddress("10.0.0.1")?.ipv4 == 0x0A00_0001)
    #expect(IPAddress("fd00::1")?.isIPv4 == false)
  }

  @Test(arguments: [
    "", "10.0.0", "10.0.0.256", "10.0.0.01", "10..0.1", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::",
    "fd00::g", "12345::", "10.0.0.1.", "example.com",
  ])
  func rejectsMalformed(_ text: String) {
    #expect(IPAddress(text) == nil)
  }

  @Test func networks() throws {
    let pods = try InventoryFixtures.network("10.244.1.0/24")
    #expect(pods.contains(try InventoryFixtures.ip("10.244.1.200")))
    #expect(!pods.contains(try InventoryFixtures.ip("10.244.2.1")))
    #expect(!pods.contains(try InventoryFixtures.ip("::ffff:10.244.2.1")))
    let v6 = try InventoryFixtures.network("fd00:10:244:1::/64")
    #expect(v6.contains(try InventoryFixtures.ip("fd00:10:244:1::7")))
    #expect(!v6.contains(try InventoryFixtures.ip("10.244.1.7")))
    #expect(IPNetwork("10.244.1.9/24")?.description == "10.244.1.0/24")
    #expect(IPNetwork("10.0.0.0/33") == nil)
    #expect(
      IPNetwork.commonBlock(
        try InventoryFixtures.ip("10.96.0.1"), try InventoryFixtures.ip("10.96.12.34"))?.description
        == "10.96.0.0/20")
  }
}
