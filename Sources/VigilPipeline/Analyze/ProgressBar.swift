import VigilCore

/// A one-line progress bar on standard error for long inputs on a terminal:
/// `[#########.........]  48%  1.2 GB/2.5 GB  210,331 events/s  3 alerts`.
public struct ProgressBar {
  private let output: TextOutput
  private let totalBytes: Int?
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  private var lastDraw: ContinuousClock.Instant
  private var drawn = false

  /// Creates a bar drawing to `output` (standard error), for an input of `totalBytes` if known.
  public init(output: TextOutput, totalBytes: Int?) {
    self.output = output
    self.totalBytes = totalBytes
    self.start = clock.now
    self.lastDraw = clock.now
  }

  /// Redraws at most ten times a second.
  public mutating func update(bytes: Int, events: Int, alerts: Int) {
    let now = clock.now
    guard now - lastDraw >= .milliseconds(100) else { return }
    lastDraw = now
    drawn = true
    let elapsed = max(1e-9, Self.seconds(now - start))
    var line = "\r"
    if let totalBytes, totalBytes > 0 {
      let fraction = min(1, Double(bytes) / Double(totalBytes))
      let filled = Int(fraction * 30)
      line +=
        "[" + String(repeating: "#", count: filled)
        + String(repeating: ".", count: 30 - filled) + "] "
      line += Summary.padLeft("\(Int(fraction * 100))%", 4) + "  "
      line += "\(Summary.bytes(bytes))/\(Summary.bytes(totalBytes))  "
    } else {
      line += "\(Summary.bytes(bytes))  "
    }
    line += "\(Summary.grouped(Int(Double(events) / elapsed))) events/s  \(alerts) alerts   "
    output.write(line)
    output.flush()
  }

  /// Clears the bar's line.
  public mutating func finish() {
    guard drawn else { return }
    output.write("\r" + String(repeating: " ", count: 100) + "\r")
    output.flush()
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }
}
