/// The DARPA 1998 edge stream as MIDAS evaluates it (`darpa_original.zip` from Stream-AD/MIDAS:
/// lines `src_ip,dst_ip,MM/DD/YYYY-HH:MM,label`, label `-` = normal, else the attack's name).
///
/// Prepared like the MIDAS repository's `util/PreprocessData.py` makes `darpa_processed.csv`:
/// node ids are the codes of the pooled source and destination addresses in sorted order
/// (numeric order of the IPv4 value, which is the string order of these zero-padded
/// addresses), and ticks are the dense rank of the distinct timestamp strings, from 1 (so
/// minutes with no edge do not count as ticks).
public struct DARPAEdgeStream: Sendable {
  /// Source node id per edge.
  public var sources: [UInt32]
  /// Destination node id per edge.
  public var destinations: [UInt32]
  /// Time tick per edge (1-based, non-decreasing when the file is in time order).
  public var ticks: [Int32]
  /// Per edge: 1 for an attack, 0 for normal.
  public var labels: [UInt8]
  /// The number of distinct addresses.
  public var nodes: Int
  /// Skipped lines (at most `malformedKept`), with their line numbers.
  public var malformed: [MalformedLine]
  /// How many lines were skipped in all.
  public var malformedCount: Int

  /// The malformed lines kept for the report (the count covers all of them).
  public static let malformedKept = 20

  /// The number of edges.
  public var count: Int { labels.count }

  /// Reads and prepares the first entry of the ZIP archive at `path`, inflating it in chunks;
  /// with `limit`, only the first `limit` edges (ids and ticks are then those of the prefix).
  public init(zipPath path: String, limit: Int? = nil) throws(DatasetError) {
    let reader = try ZipEntryReader(contentsOf: path)
    var parser = Parser(limit: limit ?? Int.max)
    try reader.forEachChunk { chunk in
      parser.feed(chunk)
      return parser.labels.count < parser.limit
    }
    parser.finish()
    guard !parser.labels.isEmpty else { throw DatasetError(.empty, path: path) }
    self.init(parser)
  }

  /// Prepares edges from CSV text (no archive), the first `limit` edges when given.
  public init(csv bytes: [UInt8], limit: Int? = nil) {
    var parser = Parser(limit: limit ?? Int.max)
    bytes.withUnsafeBufferPointer { parser.feed($0) }
    parser.finish()
    self.init(parser)
  }

  init(_ parser: Parser) {
    var sources = parser.sources
    var destinations = parser.destinations
    // Node ids: rank of the address among all distinct addresses.
    var distinct = Set<UInt32>(minimumCapacity: 1 << 14)
    for address in sources { distinct.insert(address) }
    for address in destinations { distinct.insert(address) }
    let sorted = distinct.sorted()
    var rank = [UInt32: UInt32](minimumCapacity: sorted.count)
    for (index, address) in sorted.enumerated() { rank[address] = UInt32(index) }
    for i in sources.indices {
      sources[i] = rank[sources[i]] ?? 0
      destinations[i] = rank[destinations[i]] ?? 0
    }
    // Ticks: dense rank of the distinct time keys (in one pass when they never go back).
    var ticks = [Int32](repeating: 0, count: parser.timeKeys.count)
    var ordered = true
    for i in parser.timeKeys.indices.dropFirst() where parser.timeKeys[i] < parser.timeKeys[i - 1] {
      ordered = false
      break
    }
    if ordered {
      var tick: Int32 = 0
      for i in parser.timeKeys.indices {
        if i == 0 || parser.timeKeys[i] != parser.timeKeys[i - 1] { tick += 1 }
        ticks[i] = tick
      }
    } else {
      let keys = Set(parser.timeKeys).sorted()
      var tickOf = [Int64: Int32](minimumCapacity: keys.count)
      for (index, key) in keys.enumerated() { tickOf[key] = Int32(index + 1) }
      for i in parser.timeKeys.indices { ticks[i] = tickOf[parser.timeKeys[i]] ?? 0 }
    }
    self.sources = sources
    self.destinations = destinations
    self.ticks = ticks
    self.labels = parser.labels
    self.nodes = sorted.count
    self.malformed = parser.malformed
    self.malformedCount = parser.malformedCount
  }

  /// Line-by-line parsing of `src_ip,dst_ip,MM/DD/YYYY-HH:MM,label` across chunk boundaries.
  struct Parser {
    var sources: [UInt32] = []
    var destinations: [UInt32] = []
    var timeKeys: [Int64] = []
    var labels: [UInt8] = []
    var malformed: [MalformedLine] = []
    var malformedCount = 0
    var lineNumber = 0
    /// The start of a line the previous chunk cut.
    var carry: [UInt8] = []
    /// Edges wanted; lines after the last are not parsed.
    let limit: Int

    init(limit: Int) {
      self.limit = max(0, limit)
      sources.reserveCapacity(1 << 22)
      destinations.reserveCapacity(1 << 22)
      timeKeys.reserveCapacity(1 << 22)
      labels.reserveCapacity(1 << 22)
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
      guard let base = chunk.baseAddress else { return }
      var start = 0
      if !carry.isEmpty {
        var newline = 0
        while newline < chunk.count && base[newline] != 0x0A { newline += 1 }
        carry.append(contentsOf: UnsafeBufferPointer(start: base, count: newline))
        guard newline < chunk.count else { return }
        let line = carry
        carry.removeAll(keepingCapacity: true)
        line.withUnsafeBufferPointer { parseLine($0.baseAddress, $0.count) }
        start = newline + 1
      }
      var position = start
      while position < chunk.count {
        if base[position] == 0x0A {
          parseLine(base + start, position - start)
          start = position + 1
        }
        position += 1
      }
      if start < chunk.count {
        carry.append(
          contentsOf: UnsafeBufferPointer(start: base + start, count: chunk.count - start))
      }
    }

    mutating func finish() {
      guard !carry.isEmpty else { return }
      let line = carry
      carry = []
      line.withUnsafeBufferPointer { parseLine($0.baseAddress, $0.count) }
    }

    mutating func reject(_ reason: String) {
      malformedCount += 1
      if malformed.count < DARPAEdgeStream.malformedKept {
        malformed.append(MalformedLine(line: lineNumber, reason: reason))
      }
    }

    /// Parses one line (without its newline).
    mutating func parseLine(_ pointer: UnsafePointer<UInt8>?, _ rawLength: Int) {
      lineNumber += 1
      guard labels.count < limit, let p = pointer else { return }
      var length = rawLength
      if length > 0 && p[length - 1] == 0x0D { length -= 1 }
      if length == 0 { return }
      var i = 0
      guard let source = Parser.address(p, length, &i), i < length, p[i] == 0x2C else {
        return reject("source is not an IPv4 address")
      }
      i += 1
      guard let destination = Parser.address(p, length, &i), i < length, p[i] == 0x2C else {
        return reject("destination is not an IPv4 address")
      }
      i += 1
      // MM/DD/YYYY-HH:MM, kept as a number in the string's order.
      var key: Int64 = 0
      let separators: [UInt8] = [0x2F, 0x2F, 0x2D, 0x3A, 0x2C]  // / / - : ,
      let scales: [Int64] = [100, 100, 10_000, 100, 100]
      for (separator, scale) in zip(separators, scales) {
        var digits = 0
        var value: Int64 = 0
        while i < length && p[i] >= 0x30 && p[i] <= 0x39 && digits < 4 {
          value = value * 10 + Int64(p[i] - 0x30)
          digits += 1
          i += 1
        }
        guard digits > 0, i < length, p[i] == separator else {
          return reject("time is not MM/DD/YYYY-HH:MM")
        }
        key = key * scale + value
        i += 1
      }
      guard i < length else { return reject("no label") }
      let label: UInt8 = (length - i == 1 && p[i] == 0x2D) ? 0 : 1
      sources.append(source)
      destinations.append(destination)
      timeKeys.append(key)
      labels.append(label)
    }

    /// A dotted-quad IPv4 address at `i` (leading zeros allowed), advancing `i` past it.
    static func address(_ p: UnsafePointer<UInt8>, _ length: Int, _ i: inout Int) -> UInt32? {
      var value: UInt32 = 0
      for part in 0..<4 {
        if part > 0 {
          guard i < length, p[i] == 0x2E else { return nil }
          i += 1
        }
        var digits = 0
        var octet: UInt32 = 0
        while i < length && p[i] >= 0x30 && p[i] <= 0x39 && digits < 3 {
          octet = octet * 10 + UInt32(p[i] - 0x30)
          digits += 1
          i += 1
        }
        guard digits > 0, octet <= 255 else { return nil }
        value = value << 8 | octet
      }
      return value
    }
  }
}
