import VigilCore

extension SeasonalBaseline {
  /// A baseline's learned state in a form the store keeps (JSON): the hour summaries as base64
  /// of their 16-bit codes (little-endian), the ring state per slot, the EWMA and the open hour.
  public struct Record: Codable, Sendable, Hashable {
    /// Weeks per slot the summaries were laid out for.
    public var weeks: Int
    /// When the first bucket was added.
    public var firstBucket: Timestamp?
    /// Buckets added.
    public var buckets: Int
    /// EWMA mean.
    public var mean: Double
    /// EWMA variance.
    public var variance: Double
    /// The open hour (hours since the epoch) and its bucket values.
    public var openHour: Int64?
    /// The open hour's bucket values.
    public var hourValues: [Double]
    /// The hour whose summary was added last.
    public var lastClosedHour: Int64?
    /// Base64 of the summaries' codes, 2 bytes each (empty before the first hour closed).
    public var summaries: String
    /// Base64 of the per-slot ring bytes (empty before the first hour closed).
    public var rings: String
  }

  /// The baseline's state as a record.
  public var record: Record {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(summaries.count * 2)
    for code in summaries {
      bytes.append(UInt8(code & 0xFF))
      bytes.append(UInt8(code >> 8))
    }
    return Record(
      weeks: configuration.weeks, firstBucket: firstBucket, buckets: buckets, mean: mean,
      variance: variance, openHour: openHour, hourValues: hourValues,
      lastClosedHour: lastClosedHour, summaries: Base64.encode(bytes), rings: Base64.encode(rings))
  }

  /// A baseline with `record`'s state under `configuration`; nil when the record does not fit
  /// it (another number of weeks, bad base64, wrong sizes, values out of range).
  public init?(restoring record: Record, configuration: Configuration = .init()) {
    self.init(configuration: configuration)
    guard record.weeks == self.configuration.weeks, record.buckets >= 0,
      record.mean.isFinite, record.variance.isFinite, record.variance >= 0,
      record.hourValues.count <= 4_096,
      let bytes = Base64.decode(record.summaries), let rings = Base64.decode(record.rings)
    else { return nil }
    let slots = Self.slots
    if bytes.isEmpty && rings.isEmpty {
      summaries = []
      self.rings = []
    } else {
      guard bytes.count == slots * record.weeks * 4, rings.count == slots,
        rings.allSatisfy({ Int($0 & 0x0F) <= record.weeks && Int($0 >> 4) < record.weeks })
      else { return nil }
      summaries = stride(from: 0, to: bytes.count, by: 2).map {
        UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8
      }
      self.rings = rings
    }
    firstBucket = record.firstBucket
    buckets = record.buckets
    mean = record.mean
    variance = record.variance
    openHour = record.openHour
    hourValues = record.hourValues
    lastClosedHour = record.lastClosedHour
  }
}
