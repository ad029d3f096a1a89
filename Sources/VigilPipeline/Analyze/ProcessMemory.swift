#if canImport(Glibc)
  import Glibc
#endif

/// This process's memory use, from `/proc/self/status` (Linux).
public enum ProcessMemory {
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
