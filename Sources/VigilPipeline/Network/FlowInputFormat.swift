import VigilNet

/// The flow inputs `vigil graph` reads.
public enum FlowInputFormat: String, Sendable, Hashable, CaseIterable {
  /// Vigil's own flow JSON lines (what the node agent ships).
  case vigil
  /// `hubble observe -o json` lines.
  case hubble
  /// AWS VPC Flow Logs text (versions 2–5).
  case vpc

  /// The format of an input from its first non-blank line: JSON with Hubble's `flow`, `IP` or
  /// `node_name` keys is Hubble, other JSON is Vigil's, text is a VPC flow log.
  public static func detect(_ text: some StringProtocol) -> FlowInputFormat {
    let line =
      text.split(separator: "\n", omittingEmptySubsequences: true).first {
        !$0.allSatisfy(\.isWhitespace)
      } ?? ""
    guard line.drop(while: \.isWhitespace).first == "{" else { return .vpc }
    for key in ["\"flow\"", "\"IP\"", "\"node_name\"", "\"verdict\""] where line.contains(key) {
      return .hubble
    }
    return .vigil
  }
}
