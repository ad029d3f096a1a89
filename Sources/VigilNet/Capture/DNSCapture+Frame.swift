#if canImport(Glibc)
  import VigilCore

  extension DNSCapture {
    /// Decodes one frame read from a `PacketCaptureSocket` at `now` and records its responses;
    /// frames from interfaces whose link type is not decoded are counted and skipped.
    public mutating func observe(_ frame: PacketCaptureSocket.Frame, at now: Timestamp) {
      guard let link = frame.link else {
        counters.frames += 1
        counters.skipped[.unsupportedLinkType, default: 0] += 1
        return
      }
      observe(frame: frame.bytes, link: link, at: now)
    }
  }
#endif
