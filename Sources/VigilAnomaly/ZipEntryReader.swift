import CZlib

/// A minimal reader of the first entry of a ZIP archive (PKWARE APPNOTE 4.3.7: local file
/// header, then the entry's data stored or raw-DEFLATE compressed), inflated in chunks so a
/// large entry never has to be held whole. The CRC-32 and size are checked at the end.
public struct ZipEntryReader: Sendable {
  /// The entry's file name.
  public var name: String
  /// The compression method (0 stored, 8 deflate).
  public var method: UInt16
  /// The uncompressed size from the header (0 when a data descriptor follows instead).
  public var uncompressedSize: Int
  /// The CRC-32 from the header (0 when a data descriptor follows instead).
  public var crc32: UInt32
  /// True when sizes and CRC are in a data descriptor after the data (general flag bit 3).
  public var hasDataDescriptor: Bool
  /// The archive's bytes.
  let archive: [UInt8]
  /// Where the entry's data start.
  let dataOffset: Int
  /// The compressed size (the rest of the archive when unknown).
  let compressedSize: Int
  /// The archive's path, for errors.
  let path: String

  /// Reads the archive at `path` and its first local file header.
  public init(contentsOf path: String) throws(DatasetError) {
    try self.init(archive: try FileBytes.contents(of: path), path: path)
  }

  /// Reads the first local file header of `archive`.
  public init(archive: [UInt8], path: String = "<memory>") throws(DatasetError) {
    func u16(_ at: Int) -> UInt16 { UInt16(archive[at]) | UInt16(archive[at + 1]) << 8 }
    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    guard archive.count >= 30 else {
      throw DatasetError(.notZip("shorter than a header"), path: path)
    }
    guard u32(0) == 0x0403_4B50 else {
      throw DatasetError(.notZip("no local file header"), path: path)
    }
    let flags = u16(6)
    method = u16(8)
    crc32 = u32(14)
    let compressed = u32(18)
    let uncompressed = u32(22)
    let nameLength = Int(u16(26))
    let extraLength = Int(u16(28))
    guard flags & 0x1 == 0 else { throw DatasetError(.unsupportedZip("encrypted"), path: path) }
    guard method == 0 || method == 8 else {
      throw DatasetError(.unsupportedZip("compression method \(method)"), path: path)
    }
    guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF else {
      throw DatasetError(.unsupportedZip("ZIP64 sizes"), path: path)
    }
    hasDataDescriptor = flags & 0x8 != 0
    dataOffset = 30 + nameLength + extraLength
    guard dataOffset <= archive.count else {
      throw DatasetError(.notZip("truncated header"), path: path)
    }
    name = String(decoding: archive[30..<(30 + nameLength)], as: UTF8.self)
    uncompressedSize = Int(uncompressed)
    let rest = archive.count - dataOffset
    if hasDataDescriptor {
      guard method == 8 else {
        throw DatasetError(.unsupportedZip("stored entry with a data descriptor"), path: path)
      }
      compressedSize = rest
    } else {
      guard Int(compressed) <= rest else {
        throw DatasetError(.notZip("truncated data"), path: path)
      }
      compressedSize = Int(compressed)
    }
    self.archive = archive
    self.path = path
  }

  /// Calls `body` with successive chunks of the entry's uncompressed bytes (each at most
  /// `chunkSize`) until it returns false or the entry ends, then (when it ended) checks size
  /// and CRC-32 where the header holds them.
  public func forEachChunk(
    chunkSize: Int = 1 << 20, _ body: (UnsafeBufferPointer<UInt8>) -> Bool
  ) throws(DatasetError) {
    var stopped = false
    var crc: UInt = 0
    var produced = 0
    if method == 0 {
      archive.withUnsafeBufferPointer { all in
        var offset = dataOffset
        while offset < dataOffset + compressedSize {
          let n = min(chunkSize, dataOffset + compressedSize - offset)
          let chunk = UnsafeBufferPointer(rebasing: all[offset..<(offset + n)])
          crc = CZlib.crc32(crc, chunk.baseAddress, UInt32(n))
          produced += n
          offset += n
          if !body(chunk) {
            stopped = true
            return
          }
        }
      }
    } else {
      var stream = z_stream()
      let status = inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
      guard status == Z_OK else {
        throw DatasetError(.inflate("init status \(status)"), path: path)
      }
      defer { inflateEnd(&stream) }
      var output = [UInt8](repeating: 0, count: max(1024, chunkSize))
      var failure: String?
      archive.withUnsafeBufferPointer { all in
        guard let base = all.baseAddress else { return }
        var offset = dataOffset
        let end = dataOffset + compressedSize
        output.withUnsafeMutableBufferPointer { out in
          while true {
            stream.next_in = UnsafeMutablePointer(mutating: base + offset)
            stream.avail_in = UInt32(min(end - offset, Int(UInt32.max)))
            stream.next_out = out.baseAddress
            stream.avail_out = UInt32(out.count)
            let result = inflate(&stream, Z_NO_FLUSH)
            let made = out.count - Int(stream.avail_out)
            offset = end - Int(stream.avail_in)
            stream.next_in = nil
            stream.next_out = nil
            if made > 0 {
              let chunk = UnsafeBufferPointer(rebasing: out[0..<made])
              crc = CZlib.crc32(crc, chunk.baseAddress, UInt32(made))
              produced += made
              if !body(chunk) {
                stopped = true
                return
              }
            }
            switch result {
            case Z_STREAM_END: return
            case Z_OK: continue
            case Z_BUF_ERROR:
              if made == 0 {
                failure = "data end before the deflate stream does"
                return
              }
            default:
              failure = stream.msg.map { String(cString: $0) } ?? "status \(result)"
              return
            }
          }
        }
      }
      if let failure { throw DatasetError(.inflate(failure), path: path) }
    }
    if !stopped && !hasDataDescriptor
      && (UInt32(truncatingIfNeeded: crc) != crc32 || produced != uncompressedSize)
    {
      throw DatasetError(.checksumMismatch, path: path)
    }
  }
}
