import Testing
import VigilCore

@testable import VigilNet

/// Records as AWS writes them (the examples in the VPC Flow Logs user guide).
@Suite struct VPCFlowLogDecoderTests {
  static let defaultFormat = """
    version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
    2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK
    2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK
    2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA
    2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA
    2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK
    2 123456789010 eni-1235b8ca123456789 203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 ACCEPT OK

    """

  static let customV3 = """
    version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status
    3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 568 8 1566848875 1566848933 ACCEPT 2 OK
    3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4 10.0.0.62 52.213.180.42 5001 43416 10.0.0.62 52.213.180.42 6 376 7 1566848875 1566848933 ACCEPT 18 OK
    3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4 10.0.0.62 52.213.180.42 5001 43417 10.0.0.62 52.213.180.42 6 40 1 1566848875 1566848933 ACCEPT 4 OK
    3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4 52.213.180.42 10.0.0.62 43418 5001 52.213.180.42 10.0.0.62 6 120 2 1566848875 1566848933 ACCEPT 3 OK
    3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 - eni-1235b8ca123456789 123456789012 IPv4 198.51.100.7 10.0.0.62 51234 22 198.51.100.7 10.0.0.62 6 40 1 1566848875 1566848933 REJECT 2 OK

    """

  @Test func defaultFormatWithHeader() throws {
    let result = VPCFlowLogDecoder.decode(Self.defaultFormat)
    #expect(result.diagnostics.isEmpty)
    #expect(result.skipped == 3)  // header, NODATA, SKIPDATA
    #expect(result.records.count == 4)
    let ssh = try #require(result.records.first)
    #expect(ssh.sourceIP == "172.31.16.139")
    #expect(ssh.destinationIP == "172.31.16.21")
    #expect(ssh.sourcePort == 20641)
    #expect(ssh.destinationPort == 22)
    #expect(ssh.proto == 6)
    #expect(ssh.packetsOut == 20)
    #expect(ssh.bytesOut == 4249)
    #expect(ssh.bytesIn == nil)
    #expect(ssh.start == Timestamp(rfc3339: "2014-12-14T04:06:50Z"))
    #expect(ssh.end.since(ssh.start) == .seconds(60))
    #expect(ssh.node == "eni-1235b8ca123456789")
    #expect(ssh.source == "vpc-flow-log")
    #expect(result.records.map(\.outcome) == [.unknown, .refused, .unknown, .unknown])
    #expect(result.records[2].destinationIP == "2001:db8:1234:a102:3304:8879:34cf:4071")
    #expect(result.records[3].proto == 1)
  }

  @Test func defaultFormatWithoutHeader() {
    let body = Self.defaultFormat.split(separator: "\n").dropFirst().joined(separator: "\n")
    let result = VPCFlowLogDecoder.decode(body)
    #expect(result.records.count == 4)
    #expect(result.diagnostics.isEmpty)
  }

  @Test func customFormatTCPFlags() throws {
    let result = VPCFlowLogDecoder.decode(Self.customV3)
    #expect(result.diagnostics.isEmpty)
    #expect(
      result.records.map(\.outcome) == [.unreplied, .established, .reset, .established, .refused])
    let first = try #require(result.records.first)
    #expect(first.sourceIP == "52.213.180.42")
    #expect(first.destinationPort == 5001)
    #expect(first.bytesOut == 568)
    #expect(first.packetsOut == 8)
    #expect(first.node == "eni-1235b8ca123456789")
    // The two directions of one connection share a Community ID.
    #expect(CommunityID.v1(result.records[0]) == CommunityID.v1(result.records[1]))
  }

  @Test func outcomeTable() {
    #expect(VPCFlowLogDecoder.outcome(action: "REJECT", proto: 6, tcpFlags: 18) == .refused)
    #expect(VPCFlowLogDecoder.outcome(action: "ACCEPT", proto: 6, tcpFlags: 6) == .reset)
    #expect(VPCFlowLogDecoder.outcome(action: "ACCEPT", proto: 6, tcpFlags: 2) == .unreplied)
    #expect(VPCFlowLogDecoder.outcome(action: "ACCEPT", proto: 6, tcpFlags: 19) == .established)
    #expect(VPCFlowLogDecoder.outcome(action: "ACCEPT", proto: 6, tcpFlags: 0) == .unknown)
    #expect(VPCFlowLogDecoder.outcome(action: "ACCEPT", proto: 17, tcpFlags: 2) == .unknown)
    #expect(VPCFlowLogDecoder.outcome(action: nil, proto: 6, tcpFlags: nil) == .unknown)
  }

  @Test func badLinesBecomeDiagnosticsWithLineNumbers() {
    let input = """
      2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK
      2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010
      2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 70000 22 6 20 4249 1418530010 1418530070 ACCEPT OK
      2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 yesterday 1418530070 ACCEPT OK
      2 123456789010 eni-1235b8ca123456789 - 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK

      2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK
      """
    let result = VPCFlowLogDecoder.decode(input, file: "flow.log")
    #expect(result.records.count == 2)
    #expect(result.diagnostics.map(\.position.line) == [2, 3, 4, 5])
    #expect(
      result.diagnostics.allSatisfy { $0.code == .unreadable && $0.position.file == "flow.log" })
    #expect(result.skipped == 1)
  }
}
