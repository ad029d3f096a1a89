/// Text forms of a value for output fields.
extension JSONValue {
  /// The value as a display string the way Falco's json plugin prints it: strings unquoted,
  /// numbers/bools/null as text, objects/arrays as their compact JSON text.
  public var displayString: String {
    switch node.tag {
    case JSONNode.Tag.string: string ?? ""
    case JSONNode.Tag.object, JSONNode.Tag.array: compactText
    default: rawText
    }
  }

  /// The source text without insignificant whitespace; strings with escapes are re-escaped the
  /// way `JSONText.quoted` does (as nlohmann::json's `dump()` would), others copied as they are.
  public var compactText: String {
    let node = self.node
    let out = storage.bytes.withUnsafeBufferPointer { b -> [UInt8] in
      var out: [UInt8] = []
      out.reserveCapacity(node.end - node.start)
      var i = node.start
      while i < node.end {
        let c = b[i]
        switch c {
        case 0x20, 0x0A, 0x0D, 0x09:
          i += 1
        case 0x22:
          var j = i + 1
          var escaped = false
          while j < node.end && b[j] != 0x22 {
            if b[j] == 0x5C {
              escaped = true
              j += 1
            }
            j += 1
          }
          let close = min(j, node.end - 1)
          if escaped {
            let content = UnsafeBufferPointer(rebasing: b[(i + 1)..<close])
            let decoded = String(decoding: JSONStringDecoder.decode(content), as: UTF8.self)
            JSONText.appendQuoted(decoded, to: &out)
          } else {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i...close]))
          }
          i = close + 1
        default:
          out.append(c)
          i += 1
        }
      }
      return out
    }
    return String(decoding: out, as: UTF8.self)
  }
}
