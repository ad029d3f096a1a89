#if canImport(Glibc)
  import CVigilLinux
  import Glibc

  extension ConntrackEventFilter {
    /// Attaches `program` to the socket `descriptor` with SO_ATTACH_FILTER; returns 0, or the
    /// `errno` of the failure (`EINVAL`: the kernel rejected the program).
    static func attach(_ program: [BPFInstruction], to descriptor: Int32) -> Int32 {
      let code = program.map {
        sock_filter(code: $0.code, jt: $0.jumpTrue, jf: $0.jumpFalse, k: $0.k)
      }
      guard !code.isEmpty, code.count <= Int(UInt16.max) else { return EINVAL }
      let attached = code.withUnsafeBufferPointer {
        vigil_attach_filter(descriptor, $0.baseAddress, UInt16($0.count))
      }
      return attached == 0 ? 0 : errno
    }
  }
#endif
