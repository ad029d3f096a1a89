/// One netlink message of a receive buffer, as the decoder read it.
public enum ConntrackMessage: Sendable, Hashable {
  /// A conntrack event or dump/get entry.
  case event(ConntrackEvent)
  /// `NLMSG_DONE`: the dump with this sequence number is complete.
  case done(sequence: UInt32)
  /// `NLMSG_ERROR` with code 0: the request with this sequence number succeeded.
  case acknowledgement(sequence: UInt32)
  /// `NLMSG_ERROR` with an errno (positive: `ENOENT` 2 when a get finds no entry).
  case kernelError(errno: Int32, sequence: UInt32)
  /// A message that could not be read (skipped; the decoder goes on with the next one when
  /// the message length allows it).
  case malformed(ConntrackDecodeError)
  /// A well-formed message of another kind (`NLMSG_NOOP`, expectation messages…), passed over.
  case ignored(type: UInt16)
}
