import Metrics
import VigilNet

/// What the readers last reported, so counters grow by the difference.
struct ReaderProgress {
  var events = 0
  var malformed = 0
  var kernelDrops = 0
  var responses = 0
}

/// The readers' metrics (``AgentMetricName``).
struct AgentReaderMetrics: Sendable {
  let events: [ConntrackEvent.Kind: Counter]
  let conntrackDrops: Counter
  let dnsDrops: Counter
  let decodeErrors: Counter
  let dnsResponses: Counter
  let openFlows: Gauge

  init(factory: any MetricsFactory) {
    var events: [ConntrackEvent.Kind: Counter] = [:]
    for kind in ConntrackEvent.Kind.allCases {
      events[kind] = Counter(
        label: AgentMetricName.conntrackEvents, dimensions: [("kind", kind.rawValue)],
        factory: factory)
    }
    self.events = events
    conntrackDrops = Counter(
      label: AgentMetricName.kernelDrops, dimensions: [("source", "conntrack")], factory: factory)
    dnsDrops = Counter(
      label: AgentMetricName.kernelDrops, dimensions: [("source", "dns")], factory: factory)
    decodeErrors = Counter(label: AgentMetricName.decodeErrors, factory: factory)
    dnsResponses = Counter(label: AgentMetricName.dnsResponses, factory: factory)
    openFlows = Gauge(label: AgentMetricName.openFlows, factory: factory)
  }

  func report(
    conntrack reader: ConntrackFlowReader, socket: ConntrackSocket,
    kinds: [ConntrackEvent.Kind: Int], since seen: inout ReaderProgress
  ) {
    for (kind, count) in kinds { events[kind]?.increment(by: Int64(count)) }
    let malformed = reader.statistics.malformed
    if malformed > seen.malformed {
      decodeErrors.increment(by: Int64(malformed - seen.malformed))
      seen.malformed = malformed
    }
    let drops = socket.kernelDrops
    if drops > seen.kernelDrops {
      conntrackDrops.increment(by: Int64(drops - seen.kernelDrops))
      seen.kernelDrops = drops
    }
    openFlows.record(reader.tracker.openFlowCount)
  }

  func report(
    dns counters: DNSCapture.Counters, socket: PacketCaptureSocket, since seen: inout ReaderProgress
  ) {
    if counters.responses > seen.responses {
      dnsResponses.increment(by: Int64(counters.responses - seen.responses))
      seen.responses = counters.responses
    }
    if let statistics = try? socket.statistics(), Int(statistics.dropped) > seen.kernelDrops {
      dnsDrops.increment(by: Int64(Int(statistics.dropped) - seen.kernelDrops))
      seen.kernelDrops = Int(statistics.dropped)
    }
  }
}
