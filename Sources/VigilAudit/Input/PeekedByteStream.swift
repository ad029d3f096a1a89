/// A stream whose first bytes can be looked at (for the gzip magic) before they are read.
final class PeekedByteStream: ByteStream {
  private let source: any ByteStream
  private var head: [UInt8] = []
  private var headOffset = 0

  init(source: any ByteStream) {
    self.source = source
  }

  var rawBytesRead: Int { source.rawBytesRead }

  /// Up to `count` first bytes (fewer when the stream is shorter).
  func peek(_ count: Int) throws(AuditInputError) -> [UInt8] {
    while head.count < count {
      if try source.read(into: &head, maxCount: max(count - head.count, 4096)) == 0 { break }
    }
    return Array(head.prefix(count))
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(AuditInputError) -> Int {
    if headOffset < head.count {
      let n = min(buffer.count, head.count - headOffset)
      head.withUnsafeBytes { h in
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: h[headOffset..<(headOffset + n)]))
      }
      headOffset += n
      if headOffset == head.count {
        head = []
        headOffset = 0
      }
      return n
    }
    return try source.read(into: buffer)
  }
}
