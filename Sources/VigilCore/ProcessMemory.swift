#if canImport(Glibc)
  import Glibc
#endif

/// This process's memory use, from `/proc/self` (Linux); benchmarks measure memory per item
/// with it.
public enum ProcessMemory {
  /// Resident set size in bytes from `/proc/self/statm` (pages × page size); 0 where
  /// unavailable.
  public static func residentBytes() -> Int {
    #if canImport(Glibc)
      let fd = open("/proc/self/statm", O_RDONLY)
      guard fd >= 0 else { return 0 }
      defer { close(fd) }
      var buffer = [UInt8](repeating: 0, count: 128)
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 127) }
      guard n > 0 else { return 0 }
      let fields = buffer[0..<n].split(separator: 0x20)
      guard fields.count >= 2, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else {
        return 0
      }
      return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    #else
      return 0
    #endif
  }

  /// Peak resident set size in bytes (`VmHWM`), nil where `/proc` is unavailable.
  public static func peakResidentBytes() -> Int? {
    guard let file = fopen("/proc/self/status", "r") else { return nil }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
      let text = String(
        decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      guard text.hasPrefix("VmHWM:") else { continue }
      let digits = text.unicodeScalars.filter { $0.properties.numericType != nil }
      return Int(String(String.UnicodeScalarView(digits))).map { $0 * 1024 }
    }
    return nil
  }
}
