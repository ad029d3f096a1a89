import CZlib

/// Inflates a gzip file (one or more concatenated members) read from another stream.
final class GzipByteStream: ByteStream {
  private let source: any ByteStream
  private let path: String
  private var stream = z_stream()
  /// Compressed bytes; `inputOffset..<inputEnd` are read but not yet inflated.
  private var input = [UInt8](repeating: 0, count: 1 << 20)
  private var inputOffset = 0
  private var inputEnd = 0
  private let chunkSize: Int
  private var sourceEnded = false
  private var finished = false
  private var initialized = false

  /// Wraps `source`, whose first bytes are the gzip magic `1f 8b`.
  init(source: any ByteStream, path: String, chunkSize: Int) throws(AuditInputError) {
    self.source = source
    self.path = path
    self.chunkSize = max(chunkSize, 4096)
    let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw error("cannot initialize zlib (\(status))") }
    initialized = true
  }

  deinit {
    if initialized { inflateEnd(&stream) }
  }

  var rawBytesRead: Int { source.rawBytesRead }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(AuditInputError) -> Int {
    let want = min(buffer.count, chunkSize)
    guard want > 0, let outBase = buffer.baseAddress else { return 0 }
    while !finished {
      if inputOffset >= inputEnd && !sourceEnded { try refill() }
      let available = inputEnd - inputOffset
      if available == 0 && sourceEnded {
        throw error("unexpected end of compressed data")
      }
      var status: Int32 = Z_OK
      var produced = 0
      var consumed = 0
      input.withUnsafeMutableBufferPointer { inp in
        stream.next_in = inp.baseAddress.map { $0 + inputOffset }
        stream.avail_in = UInt32(available)
        stream.next_out = outBase.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(want)
        status = inflate(&stream, Z_NO_FLUSH)
        produced = want - Int(stream.avail_out)
        consumed = available - Int(stream.avail_in)
        stream.next_in = nil
        stream.next_out = nil
      }
      inputOffset += consumed
      switch status {
      case Z_STREAM_END:
        try startNextMember()
      case Z_OK, Z_BUF_ERROR:
        if produced == 0 && consumed == 0 && sourceEnded && inputOffset >= inputEnd {
          throw error("unexpected end of compressed data")
        }
      default:
        let message = stream.msg.map { String(cString: $0) } ?? "inflate error \(status)"
        finished = true
        throw error(message)
      }
      if produced > 0 { return produced }
    }
    return 0
  }

  /// After a member ends: another member follows (concatenated gzip), or the file ends.
  private func startNextMember() throws(AuditInputError) {
    if inputOffset >= inputEnd && !sourceEnded { try refill() }
    if inputOffset + 1 < inputEnd, input[inputOffset] == 0x1F, input[inputOffset + 1] == 0x8B {
      inflateReset(&stream)
      return
    }
    if inputOffset + 1 == inputEnd && !sourceEnded {
      try refill()
      return try startNextMember()
    }
    finished = true  // trailing bytes that are not a gzip member (padding) are ignored
  }

  /// Moves the unread input to the front and reads more after it.
  private func refill() throws(AuditInputError) {
    if inputOffset > 0 {
      let left = inputEnd - inputOffset
      input.withUnsafeMutableBytes { raw in
        guard let base = raw.baseAddress else { return }
        (base).copyMemory(from: base + inputOffset, byteCount: left)
      }
      inputOffset = 0
      inputEnd = left
    }
    guard inputEnd < input.count else { return }
    let n = try source.read(into: &input, at: inputEnd..<input.count)
    if n == 0 { sourceEnded = true }
    inputEnd += n
  }

  private func error(_ message: String) -> AuditInputError {
    AuditInputError(code: .decompression(message), position: .init(file: path, line: 0))
  }
}
