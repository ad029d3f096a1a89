import VigilJSON

/// A JSON value built in memory and printed with members in the order given: for payloads whose
/// shape varies (Slack's blocks), where the hand-written writers of ``AlertJSON`` do not fit.
indirect enum JSONTree: Sendable {
  case string(String)
  case bool(Bool)
  case array([JSONTree])
  /// Members in the order written.
  case object(KeyValuePairs<String, JSONTree>)

  /// The value printed compactly.
  var bytes: [UInt8] {
    var out: [UInt8] = []
    write(to: &out)
    return out
  }

  private func write(to out: inout [UInt8]) {
    switch self {
    case .string(let text):
      JSONText.appendQuoted(text, to: &out)
    case .bool(let value):
      out += Array((value ? "true" : "false").utf8)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        item.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (index, member) in members.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        JSONText.appendQuoted(member.key, to: &out)
        out.append(UInt8(ascii: ":"))
        member.value.write(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }
}
