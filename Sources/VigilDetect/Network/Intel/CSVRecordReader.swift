/// Splits CSV bytes into records of fields (RFC 4180 quoting), remembering each record's line.
struct CSVRecordReader {
  /// One record.
  struct Record {
    var fields: [String]
    /// The 1-based line it starts on.
    var line: Int
    /// The input ended inside a quoted field.
    var unterminated: Bool
    /// The first field was quoted (so a leading `#` is data, not a comment).
    var firstFieldQuoted: Bool
  }

  let bytes: [UInt8]
  let separator: UInt8
  private var offset = 0
  private var line = 1

  init(bytes: [UInt8], separator: UInt8) {
    self.bytes = bytes
    self.separator = separator
  }

  /// The next record, or nil at the end.
  mutating func next() -> Record? {
    guard offset < bytes.count else { return nil }
    var record = Record(fields: [], line: line, unterminated: false, firstFieldQuoted: false)
    var field: [UInt8] = []
    var quoted = false
    var fieldStart = true
    while offset < bytes.count {
      let byte = bytes[offset]
      offset += 1
      if quoted {
        if byte == UInt8(ascii: "\"") {
          if offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
            field.append(byte)
            offset += 1
          } else {
            quoted = false
          }
        } else {
          if byte == UInt8(ascii: "\n") { line += 1 }
          field.append(byte)
        }
        continue
      }
      if byte == UInt8(ascii: "\"") && fieldStart {
        quoted = true
        fieldStart = false
        if record.fields.isEmpty { record.firstFieldQuoted = true }
        continue
      }
      fieldStart = false
      if byte == separator {
        record.fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldStart = true
      } else if byte == UInt8(ascii: "\n") {
        line += 1
        record.fields.append(String(decoding: field, as: UTF8.self))
        return record
      } else {
        field.append(byte)
      }
    }
    record.unterminated = quoted
    record.fields.append(String(decoding: field, as: UTF8.self))
    return record
  }
}
