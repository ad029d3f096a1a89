/// The DARPA 1998 edge stream as MIDAS evaluates it (`darpa_original.zip` from Stream-AD/MIDAS:
/// lines `src_ip,dst_ip,MM/DD/YYYY-HH:MM,label`, label `-` = normal, else the attack's name).
///
/// Prepared like the MIDAS repository's `util/PreprocessData.py` makes `darpa_processed.csv`:
/// node ids are the codes of the pooled source and destination addresses in the sorted order
/// of their text (pandas categories: the file writes one host both as `172.016.112.020` and as
/// `172.016.112.20`, and those are two nodes, as in the authors' runs), and ticks are the dense rank of the distinct timestamp strings, from 1 (so
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

  /// The largest source id (the MIDAS authors' code multiplies the destination id by it when
  /// hashing an edge).
  public var largestSource: UInt32 { sources.max() ?? 0 }

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
    // Node ids: rank of the address text among all distinct address texts.
    let order = parser.addressTexts.indices.sorted {
      parser.addressTexts[$0] < parser.addressTexts[$1]
    }
    var rank = [UInt32](repeating: 0, count: order.count)
    for (position, provisional) in order.enumerated() { rank[provisional] = UInt32(position) }
    for i in sources.indices {
      sources[i] = rank[Int(sources[i])]
      destinations[i] = rank[Int(destinations[i])]
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
    self.nodes = order.count
    self.malformed = parser.malformed
    self.malformedCount = parser.malformedCount
  }

  /// Line-by-line parsing of `src_ip,dst_ip,MM/DD/YYYY-HH:MM,label` across chunk boundaries.
  struct Parser {
    /// Per edge, the provisional id (order of first appearance) of its source and destination.
    var sources: [UInt32] = []
    var destinations: [UInt32] = []
    /// Provisional id → address text, and back.
    var addressTexts: [AddressText] = []
    var addressIDs: [AddressText: UInt32] = [:]
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
      sources.append(id(of: source))
      destinations.append(id(of: destination))
      timeKeys.append(key)
      labels.append(label)
    }

    /// The provisional id of `text` (the next free one when it is new).
    mutating func id(of text: AddressText) -> UInt32 {
      if let known = addressIDs[text] { return known }
      let next = UInt32(addressTexts.count)
      addressTexts.append(text)
      addressIDs[text] = next
      return next
    }

    /// A dotted-quad IPv4 address at `i` (leading zeros allowed, at most 3 digits an octet),
    /// advancing `i` past it; its text as written.
    static func address(_ p: UnsafePointer<UInt8>, _ length: Int, _ i: inout Int) -> AddressText? {
      let start = i
      for part in 0..<4 {
        if part > 0 {
          guard i < length, p[i] == 0x2E else { return nil }
          i += 1
        }
        var digits = 0
        var octet = 0
        while i < length && p[i] >= 0x30 && p[i] <= 0x39 && digits < 3 {
          octet = octet * 10 + Int(p[i] - 0x30)
          digits += 1
          i += 1
        }
        guard digits > 0, octet <= 255 else { return nil }
      }
      return AddressText(p + start, count: i - start)
    }
  }

  /// An address's text (at most 15 bytes), ordered like the strings: bytes big-endian in two
  /// words, zero-padded, so a prefix sorts first.
  struct AddressText: Hashable, Comparable {
    var high: UInt64 = 0
    var low: UInt64 = 0

    init(_ bytes: UnsafePointer<UInt8>, count: Int) {
      for index in 0..<min(count, 16) {
        let byte = UInt64(bytes[index])
        if index < 8 {
          high |= byte << (56 - 8 * index)
        } else {
          low |= byte << (56 - 8 * (index - 8))
        }
      }
    }

    static func < (left: AddressText, right: AddressText) -> Bool {
      left.high != right.high ? left.high < right.high : left.low < right.low
    }
  }
}
