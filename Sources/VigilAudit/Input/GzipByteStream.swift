import CZlib

/// Inflates a gzip file (one or more concatenated members) read from another stream.
final class GzipByteStream: ByteStream {
  private let source: any ByteStream
  private let path: String
  private var stream = z_stream()
  private var input: [UInt8] = []
  private var inputOffset = 0
  private var output: [UInt8]
  private var sourceEnded = false
  private var finished = false
  private var initialized = false

  /// Wraps `source`, whose first bytes are the gzip magic `1f 8b`.
  init(source: any ByteStream, path: String, chunkSize: Int) throws(AuditInputError) {
    self.source = source
    self.path = path
    self.output = [UInt8](repeating: 0, count: max(chunkSize, 4096))
    let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw error("cannot initialize zlib (\(status))") }
    initialized = true
  }

  deinit {
    if initialized { inflateEnd(&stream) }
  }

  var rawBytesRead: Int { source.rawBytesRead }

  func read(into buffer: inout [UInt8], maxCount: Int) throws(AuditInputError) -> Int {
    while !finished {
      if inputOffset >= input.count && !sourceEnded { try refill() }
      let available = input.count - inputOffset
      if available == 0 && sourceEnded {
        throw error("unexpected end of compressed data")
      }
      let want = min(maxCount, output.count)
      var status: Int32 = Z_OK
      var produced = 0
      var consumed = 0
      input.withUnsafeMutableBufferPointer { inp in
        output.withUnsafeMutableBufferPointer { out in
          stream.next_in = inp.baseAddress.map { $0 + inputOffset }
          stream.avail_in = UInt32(available)
          stream.next_out = out.baseAddress
          stream.avail_out = UInt32(want)
          status = inflate(&stream, Z_NO_FLUSH)
          produced = want - Int(stream.avail_out)
          consumed = available - Int(stream.avail_in)
          stream.next_in = nil
          stream.next_out = nil
        }
      }
      inputOffset += consumed
      switch status {
      case Z_STREAM_END:
        try startNextMember()
      case Z_OK, Z_BUF_ERROR:
        if produced == 0 && consumed == 0 && sourceEnded && inputOffset >= input.count {
          throw error("unexpected end of compressed data")
        }
      default:
        let message = stream.msg.map { String(cString: $0) } ?? "inflate error \(status)"
        finished = true
        throw error(message)
      }
      if produced > 0 {
        buffer.append(contentsOf: output[0..<produced])
        return produced
      }
    }
    return 0
  }

  /// After a member ends: another member follows (concatenated gzip), or the file ends.
  private func startNextMember() throws(AuditInputError) {
    if inputOffset >= input.count && !sourceEnded { try refill() }
    if inputOffset + 1 < input.count, input[inputOffset] == 0x1F, input[inputOffset + 1] == 0x8B {
      inflateReset(&stream)
      return
    }
    if inputOffset + 1 == input.count && !sourceEnded {
      try refill()
      return try startNextMember()
    }
    finished = true  // trailing bytes that are not a gzip member (padding) are ignored
  }

  private func refill() throws(AuditInputError) {
    if inputOffset > 0 {
      input.removeFirst(inputOffset)
      inputOffset = 0
    }
    if try source.read(into: &input, maxCount: 1 << 20) == 0 { sourceEnded = true }
  }

  private func error(_ message: String) -> AuditInputError {
    AuditInputError(code: .decompression(message), position: .init(file: path, line: 0))
  }
}
