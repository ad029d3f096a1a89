import VigilCore
import VigilNet

/// Port scans and host sweeps by Threshold Random Walk (Jung, Paxson, Berger, Balakrishnan,
/// IEEE S&P 2004): per source, only the first contact with each destination counts; a failed
/// first contact (refused, reset, unreplied) multiplies the likelihood ratio by
/// (1 − θ1)/(1 − θ0), a successful one by θ1/θ0. At η1 the source is a scanner, at η0 it is
/// benign and the walk starts over at 1.
///
/// A destination is an address and port by default (``Configuration/ContactUnit/service``): a
/// pod has one address, so a vertical scan of one pod is as visible as a sweep; the paper's
/// per-address unit is ``Configuration/ContactUnit/host``. A flagged source raises one alert per
/// window naming it, the targets and ports tried, and the first contacts since its previous
/// alert; the walk restarts at 1 after each flag. State is per source address, bounded (idle
/// and least-recently-seen eviction).
public struct TRWScanDetector: NetworkDetector, Sendable {
  /// Settings.
  public struct Configuration: Sendable {
    /// What one "destination" of the walk is.
    public enum ContactUnit: String, Sendable, Hashable {
      /// An address (the paper's unit): horizontal sweeps only.
      case host
      /// An address and port: sweeps and vertical port scans.
      case service
    }

    /// θ0, θ1, α, β.
    public var parameters = TRWParameters()
    /// What counts as one destination.
    public var contactUnit = ContactUnit.service
    /// IP protocols walked (TCP by default: a UDP exchange without reply is often normal).
    public var protocols: Set<UInt8> = [6]
    /// At most one alert per source within this long.
    public var window: Duration = .seconds(300)
    /// Sources that are never scanners.
    public var exemptions = ScanExemptions()
    /// Sources tracked at most.
    public var maxSources = 65_536
    /// A source quiet this long is forgotten.
    public var idleTimeout: Duration = .seconds(1800)
    /// First contacts remembered per source (the set starts over when full).
    public var maxContactsPerSource = 16_384
    /// Targets and ports an alert lists.
    public var listed = 20

    /// Creates the defaults.
    public init() {}
  }

  /// A destination (and port) as two integers: the address's 64-bit FNV-1a hash (a collision,
  /// about 1 in 10¹⁹ a pair, only merges two first contacts) and the port — cheaper to hash and
  /// store than the address text.
  struct Contact: Hashable, Sendable {
    var address: UInt64
    var port: UInt16

    init(address: String, port: UInt16) {
      self.address = StableHash.fnv1a64(address)
      self.port = port
    }

    /// Address and port as one key (the port mixed into the address hash).
    var key: UInt64 { address ^ (UInt64(port) &* 0xff51_afd7_ed55_8ccd) }
  }

  struct Walk: Sendable {
    var endpoint: NetworkEndpoint
    var exempt: Bool
    var ratio = 1.0
    var contacts = HashedKeySet()
    /// When the last alert went out.
    var alertedAt: Int64?
    /// First contacts and failures since the last alert (or the last benign reset).
    var firstContacts = 0
    var failures = 0
    var listing = ScanListing()
  }

  /// The thresholds and steps, copied out of the configuration once.
  struct Rules: Sendable {
    var eta1: Double
    var eta0: Double
    var failureFactor: Double
    var successFactor: Double
    var window: Int64
    var maxContacts: Int
  }

  /// What an alert reports of a walk.
  struct Snapshot: Sendable {
    var firstContacts: Int
    var failures: Int
    var listing: ScanListing
    var ratio: Double
  }

  /// The rule name of its alerts.
  public static let rule = "Port scan or host sweep (TRW)"

  /// The settings.
  public let configuration: Configuration
  /// Walks by the source address's FNV-1a hash (cheaper to hash than the text).
  var walks: ScanStateTable<UInt64, Walk>
  let rules: Rules

  /// First contacts walked.
  public private(set) var firstContacts = 0
  /// Sources flagged (alerts raised).
  public private(set) var flagged = 0
  /// Sources reset as benign.
  public private(set) var cleared = 0

  /// Creates a detector.
  public init(configuration: Configuration = .init()) {
    self.configuration = configuration
    walks = ScanStateTable(
      capacity: configuration.maxSources, idleTimeout: configuration.idleTimeout)
    rules = Rules(
      eta1: configuration.parameters.upperThreshold,
      eta0: configuration.parameters.lowerThreshold,
      failureFactor: configuration.parameters.failureFactor,
      successFactor: configuration.parameters.successFactor,
      window: configuration.window.nanoseconds,
      maxContacts: configuration.maxContactsPerSource)
  }

  /// Sources tracked now.
  public var trackedSources: Int { walks.count }
  /// Sources evicted at capacity.
  public var evictedSources: Int { walks.evicted }

  /// The current likelihood ratio of `sourceIP` (1 when not tracked).
  public func likelihoodRatio(of sourceIP: String) -> Double {
    walks.entries[StableHash.fnv1a64(sourceIP)]?.state.ratio ?? 1
  }

  /// Walks the flow's first contact, if it is one; returns the alert when it flags its source.
  public mutating func observe(_ flow: AttributedFlow) -> [Alert] {
    let record = flow.flow
    guard configuration.protocols.contains(record.proto) else { return [] }
    let success: Bool
    switch record.outcome {
    case .established: success = true
    case .refused, .reset, .unreplied: success = false
    case .unknown: return []
    }
    let contact = Contact(
      address: record.destinationIP,
      port: configuration.contactUnit == .service ? record.destinationPort : 0)
    let now = record.start.nanoseconds
    let exemptions = configuration.exemptions
    let rules = rules
    // A local function, not a closure value: passed as a non-escaping argument, no allocation.
    func make() -> Walk { Walk(endpoint: flow.source, exempt: exemptions.exempts(flow.source)) }
    let result = walks.update(StableHash.fnv1a64(record.sourceIP), now: now, make: make) {
      walk -> Walk.Step in
      if walk.endpoint != flow.source {
        // The address changed hands (a new pod): a new walk.
        walk = Walk(endpoint: flow.source, exempt: exemptions.exempts(flow.source))
      }
      guard !walk.exempt else { return .ignored }
      if walk.contacts.count >= rules.maxContacts { walk.contacts.removeAll() }
      guard walk.contacts.insert(contact.key) else { return .ignored }
      return walk.step(flow, success: success, now: now, rules: rules)
    }
    switch result {
    case .ignored: return []
    case .walked, .suppressed:
      firstContacts &+= 1
      return []
    case .cleared:
      firstContacts &+= 1
      cleared &+= 1
      return []
    case .flagged(let snapshot):
      firstContacts &+= 1
      flagged &+= 1
      return [makeAlert(snapshot, flow: flow)]
    }
  }
}

extension TRWScanDetector.Walk {
  /// What one flow did to a walk.
  enum Step: Sendable {
    /// Not a first contact, or an exempt source.
    case ignored
    /// The ratio moved between the thresholds.
    case walked
    /// The ratio reached η0: benign, restarted at 1.
    case cleared
    /// The ratio reached η1 within the window of the last alert: restarted, no alert.
    case suppressed
    /// The ratio reached η1: alert with what the walk saw since the last alert.
    case flagged(TRWScanDetector.Snapshot)
  }

  /// One first contact: the ratio moves, and flags or clears at the thresholds.
  mutating func step(
    _ flow: AttributedFlow, success: Bool, now: Int64, rules: TRWScanDetector.Rules
  ) -> Step {
    firstContacts += 1
    listing.record(flow, limit: rules.maxContacts)
    if success {
      ratio *= rules.successFactor
    } else {
      ratio *= rules.failureFactor
      failures += 1
    }
    if ratio <= rules.eta0 {
      ratio = 1
      if alertedAt.map({ now &- $0 >= rules.window }) ?? true { startEpisode() }
      return .cleared
    }
    guard ratio >= rules.eta1 else { return .walked }
    let reached = ratio
    ratio = 1
    if let alertedAt, now &- alertedAt < rules.window { return .suppressed }
    alertedAt = now
    let snapshot = TRWScanDetector.Snapshot(
      firstContacts: firstContacts, failures: failures, listing: listing, ratio: reached)
    startEpisode()
    return .flagged(snapshot)
  }

  /// Starts counting the next alert's first contacts.
  mutating func startEpisode() {
    firstContacts = 0
    failures = 0
    listing = ScanListing()
  }
}
