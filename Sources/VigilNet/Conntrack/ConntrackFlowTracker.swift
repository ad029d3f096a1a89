import VigilCore

/// Turns conntrack events into one `FlowRecord` per connection (source `conntrack`; Out is the
/// original direction, In the reply direction). Pure: time is passed in, no I/O.
///
/// The kernel sends byte counters only with DESTROY and in dump/get replies, and DESTROY of a
/// closed TCP connection comes only after TIME_WAIT (120 s). So when a TCP connection reaches
/// TIME_WAIT or CLOSE, `observe` returns a `fetch` request: the caller sends
/// `ConntrackRequest.get(fetch.tuple, zone: fetch.zone, sequence:)` and feeds the reply (an
/// event of kind `.dump`) back to `observe`, which completes and emits the record. If no reply
/// comes within `counterWait`, `expire(at:)` emits it without counters (unless DESTROY came
/// first). UDP, ICMP and other protocols are emitted on DESTROY. Each connection is emitted
/// once: a DESTROY (or late update or reply) after the record went out is absorbed — except an
/// UPDATE to TIME_WAIT, which an entry sends once, so one matching an emitted connection is a new
/// entry that reuses its id and tuple (when the socket drops timed-out TIME_WAIT DESTROYs,
/// `ConntrackEventFilter.updatesAndEmittedDestroys`, the old entry's end is never seen; emitted
/// connections are then forgotten after `closedRetention`).
/// Entries of the start-up dump become open flows (start from their timestamp when present).
/// Open flows are bounded: at `maxOpenFlows` the oldest is dropped and counted.
public struct ConntrackFlowTracker: Sendable {
  /// Limits and names.
  public struct Configuration: Sendable, Hashable {
    /// The node name put in each record.
    public var node: String?
    /// Open connections kept at most; the oldest is dropped (and counted) beyond it.
    public var maxOpenFlows: Int
    /// How long a closed TCP connection waits for its counters before it is emitted without.
    public var counterWait: Duration
    /// How long an emitted connection is remembered to absorb its later DESTROY (at least the
    /// TIME_WAIT timeout plus the kernel's cleanup delay).
    public var closedRetention: Duration
    /// Emitted connections remembered at most for absorbing their DESTROY.
    public var maxClosedFlows: Int
    /// How long a connection emitted at its TIME_WAIT update is remembered instead of
    /// `closedRetention`, for a socket that drops timed-out TIME_WAIT DESTROYs
    /// (`ConntrackEventFilter.updatesAndEmittedDestroys`): nothing then ends its memory but time,
    /// and what it absorbs (a DESTROY of the entry killed early by a new connection on its
    /// tuple, a RST in TIME_WAIT, a late counter reply) comes within the kernel's TIME_WAIT
    /// timeout. Set it to that timeout plus a margin; nil: `closedRetention`.
    public var timeWaitRetention: Duration?

    /// Creates a configuration (defaults: 262 144 open flows, 2 s counter wait, 180 s
    /// retention of emitted flows, 262 144 of them).
    public init(
      node: String? = nil, maxOpenFlows: Int = 262_144, counterWait: Duration = .seconds(2),
      closedRetention: Duration = .seconds(180), maxClosedFlows: Int = 262_144
    ) {
      self.node = node
      self.maxOpenFlows = max(1, maxOpenFlows)
      self.counterWait = counterWait
      self.closedRetention = closedRetention
      self.maxClosedFlows = max(1, maxClosedFlows)
    }
  }

  /// Ask the kernel for one entry's counters (`ConntrackRequest.get(tuple, zone:, sequence:)`).
  public struct CounterFetch: Sendable, Hashable {
    /// The entry's original tuple.
    public var tuple: ConntrackTuple
    /// Its zone (nil: the default zone).
    public var zone: UInt16?
  }

  /// What one event produced: at most one finished record and at most one counter request.
  public struct Step: Sendable, Hashable {
    /// A finished connection.
    public var record: FlowRecord?
    /// Counters to fetch for a connection that just closed.
    public var fetch: CounterFetch?
  }

  /// Counts for metrics.
  public struct Statistics: Sendable, Hashable {
    /// Events observed.
    public var events = 0
    /// Records emitted.
    public var emitted = 0
    /// Records emitted without counters because none arrived within `counterWait`.
    public var emittedWithoutCounters = 0
    /// Open flows dropped at `maxOpenFlows`.
    public var evicted = 0
    /// DESTROY events (and late updates or replies) absorbed after their record went out.
    public var absorbed = 0
    /// Emitted flows forgotten early at `maxClosedFlows` (their DESTROY may be emitted again).
    public var forgotten = 0
    /// Counter requests made.
    public var fetches = 0
  }

  struct Key: Hashable, Sendable {
    var tuple: ConntrackTuple
    var zone: UInt16

    /// Six words instead of the synthesized thirteen `Hasher` calls (every event hashes its
    /// key a few times); equal keys hash equally, since every field goes in.
    func hash(into hasher: inout Hasher) {
      hasher.combine(tuple.source.low)
      hasher.combine(tuple.destination.low)
      hasher.combine(tuple.source.high)
      hasher.combine(tuple.destination.high)
      hasher.combine(
        UInt64(tuple.sourcePort) | UInt64(tuple.destinationPort) << 16 | UInt64(tuple.icmpID) << 32
          | UInt64(tuple.icmpType) << 48 | UInt64(tuple.icmpCode) << 56)
      hasher.combine(
        UInt64(tuple.proto) | UInt64(zone) << 8 | (tuple.source.isIPv6 ? 1 << 24 : 0)
          | (tuple.destination.isIPv6 ? 1 << 25 : 0))
    }
  }

  struct Flow: Sendable {
    var id: UInt32?
    var serial: UInt64
    var start: Timestamp
    var end: Timestamp
    var status: ConntrackStatus
    var tcpState: ConntrackTCPState?
    var wasEstablished: Bool
    var sawFin: Bool
    var originalCounters: ConntrackEvent.Counters?
    var replyCounters: ConntrackEvent.Counters?
    var closing: Bool
  }

  /// The configuration.
  public let configuration: Configuration
  /// Counts so far.
  public internal(set) var statistics = Statistics()
  var open: [Key: Flow] = [:]
  var closed = ConntrackClosedFlows()
  var openOrder = FIFOQueue<(Key, UInt64)>()
  var deadlines = FIFOQueue<(Key, UInt64, Timestamp)>()
  var nextSerial: UInt64 = 0
  /// Conntrack ids an earlier run of the agent emitted (``rememberEmitted(ids:until:)``).
  var earlierEmitted: Set<UInt32> = []
  /// When ``earlierEmitted`` stops mattering (their DESTROYs are long past).
  var earlierEmittedUntil = Timestamp(nanoseconds: 0)

  /// Creates a tracker.
  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// Open connections tracked now (closing ones waiting for counters included).
  public var openFlowCount: Int { open.count }

  /// The conntrack ids of connections emitted and still remembered (to absorb their DESTROY):
  /// what a restarting agent hands to the next run (``rememberEmitted(ids:until:)``).
  public var emittedIDs: [UInt32] { closed.ids }

  /// Connections an earlier run emitted, by conntrack id: their entries in the start-up dump
  /// and their DESTROYs are absorbed rather than emitted again, until `until`.
  public mutating func rememberEmitted(ids: some Sequence<UInt32>, until: Timestamp) {
    earlierEmitted.formUnion(ids)
    earlierEmittedUntil = max(earlierEmittedUntil, until)
  }

  /// When `expire(at:)` next has work (the earliest counter deadline), or nil.
  public var nextDeadline: Timestamp? { deadlines.first?.2 }
}
