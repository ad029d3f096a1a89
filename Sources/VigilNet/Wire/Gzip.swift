import CZlib

/// In-memory gzip for flow batches: the agent compresses what it ships, the server inflates what
/// it receives, with a bound on the inflated size (a small body must not inflate into gigabytes).
public enum Gzip {
  /// Inflating failed or went past the bound.
  public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
      /// zlib could not be set up.
      case initialization(Int32)
      /// The bytes are not (valid) gzip.
      case corrupt(String)
      /// The stream ended before its end marker.
      case truncated
      /// Inflated data would exceed the limit.
      case tooLarge(limit: Int)
    }

    /// The failure.
    public var code: Code

    /// Explanation.
    public var description: String {
      switch code {
      case .initialization(let status): "cannot initialize zlib (status \(status))"
      case .corrupt(let message): "not valid gzip: \(message)"
      case .truncated: "gzip data ends early"
      case .tooLarge(let limit): "gzip data inflates past \(limit) bytes"
      }
    }
  }

  /// True when `bytes` start with the gzip magic number.
  public static func isCompressed(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// `bytes` as one gzip member.
  public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    // windowBits 15 + 16: a gzip header and trailer.
    guard
      deflateInit2_(
        &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
        Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return [] }
    defer { deflateEnd(&stream) }
    let bound = Int(deflateBound(&stream, UInt(bytes.count))) + 32
    var output = [UInt8](repeating: 0, count: bound)
    var input = bytes
    var produced = 0
    input.withUnsafeMutableBufferPointer { inp in
      output.withUnsafeMutableBufferPointer { out in
        stream.next_in = inp.baseAddress
        stream.avail_in = UInt32(inp.count)
        stream.next_out = out.baseAddress
        stream.avail_out = UInt32(out.count)
        _ = deflate(&stream, Z_FINISH)
        produced = out.count - Int(stream.avail_out)
        stream.next_in = nil
        stream.next_out = nil
      }
    }
    output.removeSubrange(produced...)
    return output
  }

  /// Inflates gzip `bytes` (concatenated members included), failing past `limit` bytes out.
  public static func decompress(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
    var stream = z_stream()
    let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw Failure(code: .initialization(status)) }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var input = bytes
    var offset = 0
    var failure: Failure?
    input.withUnsafeMutableBufferPointer { inp in
      guard let base = inp.baseAddress else {
        failure = Failure(code: .truncated)
        return
      }
      while true {
        var result: Int32 = Z_OK
        var produced = 0
        chunk.withUnsafeMutableBufferPointer { out in
          stream.next_in = base + offset
          stream.avail_in = UInt32(inp.count - offset)
          stream.next_out = out.baseAddress
          stream.avail_out = UInt32(out.count)
          result = inflate(&stream, Z_NO_FLUSH)
          produced = out.count - Int(stream.avail_out)
          offset = inp.count - Int(stream.avail_in)
          stream.next_in = nil
          stream.next_out = nil
        }
        if output.count + produced > limit {
          failure = Failure(code: .tooLarge(limit: limit))
          return
        }
        output.append(contentsOf: chunk[0..<produced])
        switch result {
        case Z_STREAM_END:
          // Another member may follow.
          if offset + 1 < inp.count, base[offset] == 0x1F, base[offset + 1] == 0x8B {
            inflateReset(&stream)
            continue
          }
          return
        case Z_OK:
          continue
        case Z_BUF_ERROR:
          if offset >= inp.count && produced == 0 {
            failure = Failure(code: .truncated)
            return
          }
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "inflate status \(result)"
          failure = Failure(code: .corrupt(message))
          return
        }
      }
    }
    if let failure { throw failure }
    return output
  }
}
