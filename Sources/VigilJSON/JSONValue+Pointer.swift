/// RFC 6901 JSON Pointer lookup.
extension JSONValue {
  /// The value at an RFC 6901 JSON Pointer (`""` = self, `/a/b~1c/0`); nil if malformed/missing.
  public func value(atPointer pointer: String) -> JSONValue? {
    JSONPointer(pointer).resolve(in: self)
  }
}
