import VigilCore
import VigilNet

/// Measures the IoC matcher and the intel detectors on generated data: load time of `count`
/// indicators (a third each addresses, CIDR ranges and domains) from a text feed and from a
/// STIX bundle, lookups per second, and detector flows per second — each beside a ceiling
/// measured in the same run (a loop reading the same bytes or flows) and their ratio.
public enum ThreatIntelBenchmark {
  /// What one run measured.
  public struct Result: Sendable, CustomStringConvertible {
    /// Indicators generated per format.
    public var indicators: Int
    /// Seconds to parse the text feed and build the set.
    public var textLoadSeconds: Double
    /// Seconds to parse the STIX bundle and build the set.
    public var stixLoadSeconds: Double
    /// Indicators held after the text load.
    public var indicatorsHeld: Int
    /// Address and domain lookups per second (half of them hits).
    public var lookupsPerSecond: Double
    /// A byte loop over the same lookup keys, per second.
    public var lookupCeilingPerSecond: Double
    /// Threat intel detector flows per second.
    public var intelFlowsPerSecond: Double
    /// Cryptominer detector flows per second.
    public var minerFlowsPerSecond: Double
    /// A loop reading the same flows' fields, per second.
    public var flowCeilingPerSecond: Double
    /// Hits seen (keeps the work observable).
    public var hits: Int

    /// One line per figure.
    public var description: String {
      func rate(_ value: Double) -> String { String(Int(value.rounded())) }
      func ratio(_ a: Double, _ b: Double) -> String {
        String(Double(Int((a / max(b, 1)) * 1000)) / 1000)
      }
      return """
        intel load: \(indicators) indicators, text \(textLoadSeconds) s, stix \(stixLoadSeconds) s, held \(indicatorsHeld)
        intel lookups/s: \(rate(lookupsPerSecond)) (ceiling \(rate(lookupCeilingPerSecond)), ratio \(ratio(lookupsPerSecond, lookupCeilingPerSecond)))
        intel detector flows/s: \(rate(intelFlowsPerSecond)) (ceiling \(rate(flowCeilingPerSecond)), ratio \(ratio(intelFlowsPerSecond, flowCeilingPerSecond)))
        miner detector flows/s: \(rate(minerFlowsPerSecond)) (ratio \(ratio(minerFlowsPerSecond, flowCeilingPerSecond)))
        """
    }
  }

  /// Runs with `indicators` per format, `lookups` lookups and `flows` detector flows.
  public static func run(
    indicators: Int = 1_000_000, lookups: Int = 2_000_000, flows: Int = 500_000
  )
    -> Result
  {
    let count = max(3, indicators)
    let text = textFeed(count)
    let clock = ContinuousClock()
    var set = IndicatorSet()
    let textLoad = clock.measure {
      set = IndicatorSet(TextFeedParser.parse(text, feed: "bench-text").indicators)
    }
    let stix = stixFeed(count)
    var stixCount = 0
    let stixLoad = clock.measure {
      stixCount = IndicatorSet(STIXFeedParser.parse(stix, feed: "bench-stix").indicators).count
    }
    _ = stixCount

    // Lookup keys: half listed (every other generated indicator), half not.
    let keyCount = 4096
    var keys: [(String, Bool)] = []
    for k in 0..<keyCount {
      let n = (k * 7919) % count
      switch k % 4 {
      case 0: keys.append((address(n), false))
      case 1: keys.append(("x\(k).bench\(n).example", true))
      case 2: keys.append((address(n &+ 0x0100_0000), false))
      default: keys.append(("nobody\(k).example.org", true))
      }
    }
    var hits = 0
    let rounds = max(1, lookups / keyCount)
    let lookupTime = clock.measure {
      for _ in 0..<rounds {
        for (key, isDomain) in keys {
          let found = isDomain ? set.match(domain: key) : set.match(ip: key)
          if found != nil { hits &+= 1 }
        }
      }
    }
    var checksum = 0
    let ceilingTime = clock.measure {
      for _ in 0..<rounds {
        for (key, _) in keys {
          var key = key
          checksum &+= key.withUTF8 { bytes in bytes.reduce(0) { $0 &+ Int($1) } }
        }
      }
    }
    let performed = Double(rounds * keyCount)

    // Detector flows: workloads to external addresses, some listed, some with listed names.
    let sample = flowSample(count: 2048, indicators: count)
    let flowRounds = max(1, flows / sample.count)
    var intel = ThreatIntelDetector(indicators: set)
    let intelTime = clock.measure {
      for _ in 0..<flowRounds { for flow in sample { hits &+= intel.observe(flow).count } }
      hits &+= intel.finish().count
    }
    var miner = CryptominerDetector()
    let minerTime = clock.measure {
      for _ in 0..<flowRounds { for flow in sample { hits &+= miner.observe(flow).count } }
      hits &+= miner.finish().count
    }
    let flowCeiling = clock.measure {
      for _ in 0..<flowRounds {
        for flow in sample {
          var ip = flow.flow.destinationIP
          checksum &+= ip.withUTF8 { $0.count } &+ Int(flow.flow.destinationPort)
          if var name = flow.flow.dnsName { checksum &+= name.withUTF8 { $0.count } }
          var source = flow.flow.sourceIP
          checksum &+= source.withUTF8 { $0.count }
        }
      }
    }
    let flowCount = Double(flowRounds * sample.count)
    return Result(
      indicators: count, textLoadSeconds: seconds(textLoad), stixLoadSeconds: seconds(stixLoad),
      indicatorsHeld: set.count, lookupsPerSecond: performed / seconds(lookupTime),
      lookupCeilingPerSecond: performed / seconds(ceilingTime),
      intelFlowsPerSecond: flowCount / seconds(intelTime),
      minerFlowsPerSecond: flowCount / seconds(minerTime),
      flowCeilingPerSecond: flowCount / seconds(flowCeiling), hits: hits &+ (checksum & 1))
  }

  static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return max(1e-9, Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
  }

  /// The n-th generated address (in 100.64.0.0/10 and above, varied).
  static func address(_ n: Int) -> String {
    let v = UInt32(truncatingIfNeeded: 0x2000_0000 &+ n &* 2)
    return "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
  }

  /// The n-th indicator as text: an address, a /24 range or a domain.
  static func indicatorText(_ n: Int) -> String {
    switch n % 3 {
    case 0: address(n)
    case 1:
      "\(UInt32(truncatingIfNeeded: 0x6000_0000 &+ n &* 256).ipv4Text)/24"
    default: "bench\(n).example"
    }
  }

  static func textFeed(_ count: Int) -> [UInt8] {
    var out: [UInt8] = Array("# generated\n".utf8)
    out.reserveCapacity(count * 20)
    for n in 0..<count {
      out += indicatorText(n).utf8
      out.append(0x0A)
    }
    return out
  }

  static func stixFeed(_ count: Int) -> [UInt8] {
    var out: [UInt8] = Array(#"{"type":"bundle","id":"bundle--bench","objects":["#.utf8)
    out.reserveCapacity(count * 130)
    for n in 0..<count {
      if n > 0 { out.append(UInt8(ascii: ",")) }
      let text = indicatorText(n)
      let type =
        n % 3 == 2 ? "domain-name" : "ipv4-addr"
      out +=
        #"{"type":"indicator","id":"indicator--\#(n)","pattern_type":"stix","pattern":"[\#(type):value = '\#(text)']","name":"bench \#(n)"}"#
        .utf8
    }
    out += "]}".utf8
    return out
  }

  static func flowSample(count: Int, indicators: Int) -> [AttributedFlow] {
    let source = NetworkEndpoint.workload(namespace: "bench", kind: "Deployment", name: "client")
    let start = Timestamp(nanoseconds: 1_700_000_000_000_000_000)
    return (0..<count).map { k in
      let n = (k * 104_729) % indicators
      let ip = k % 8 == 0 ? address(n - n % 3) : address(n &+ 0x0200_0000)
      let name: String? = k % 2 == 0 ? "host\(k).example.net" : nil
      let record = FlowRecord(
        start: start.adding(.milliseconds(k)), proto: 6, sourceIP: "10.244.1.\(k % 200 + 10)",
        sourcePort: UInt16(32768 + k % 20000), destinationIP: ip, destinationPort: 443,
        outcome: .established, dnsName: name, source: "bench")
      return AttributedFlow(
        flow: record, source: source,
        destination: .external(address: ip, scope: .publicInternet, dnsName: name))
    }
  }
}

extension UInt32 {
  /// Dotted-quad text.
  fileprivate var ipv4Text: String {
    "\(self >> 24).\(self >> 16 & 0xFF).\(self >> 8 & 0xFF).\(self & 0xFF)"
  }
}
