import CZlib
import Foundation

/// A fresh directory under the system temp folder, removed by `remove()`.
struct TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `contents` to `name` (subfolders created) and returns the path.
  @discardableResult
  func write(_ name: String, _ contents: [UInt8]) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents).write(to: file)
    return file.path
  }

  /// Writes text.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, Array(text.utf8))
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}

/// gzip-compresses bytes with zlib (one member).
func gzip(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
  var stream = z_stream()
  guard
    deflateInit2_(
      &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
      Int32(MemoryLayout<z_stream>.size)) == Z_OK
  else { return [] }
  defer { deflateEnd(&stream) }
  var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
  var input = input
  let produced = input.withUnsafeMutableBufferPointer { inp in
    output.withUnsafeMutableBufferPointer { out -> Int in
      stream.next_in = inp.baseAddress
      stream.avail_in = UInt32(inp.count)
      stream.next_out = out.baseAddress
      stream.avail_out = UInt32(out.count)
      _ = deflate(&stream, Z_FINISH)
      return out.count - Int(stream.avail_out)
    }
  }
  return Array(output[0..<produced])
}
