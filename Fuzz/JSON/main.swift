// libFuzzer entry point for VigilJSON; built by Fuzz/fuzz-json.sh together with
// Sources/VigilJSON/*.swift (one module, so `@testable` is not needed).

/// Parses the input and, when accepted, reads every value the way rules and decoders do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
  var indexer = JSONIndexer()
  guard let document = try? indexer.parse(bytes) else { return 0 }
  var stack = [document.root]
  var visited = 0
  while let value = stack.popLast(), visited < 100_000 {
    visited += 1
    let range = value.byteRange
    guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
      fatalError("range \(range)")
    }
    _ = (value.string, value.int, value.double, value.bool, value.isNull, value.count)
    _ = value.displayString
    _ = value.stringEquals("apiVersion")
    _ = value.value(atPointer: "/0/a~1b/~0")
    _ = value.value(atPath: ["objectRef", "0"])
    value.forEachMember { key, member in
      // Keys with invalid UTF-8 decode lossily (U+FFFD), so only the others must be found again.
      if !key.unicodeScalars.contains("\u{FFFD}") && value[key] == nil {
        fatalError("key \(key) not found")
      }
      stack.append(member)
    }
    value.forEachElement { stack.append($0) }
  }
  // A round trip through the document's own text must give the same shape.
  if let again = try? JSONDocument(parsing: Array(bytes[document.root.byteRange])),
    again.root.kind == document.root.kind, again.root.count == document.root.count
  {
    return 0
  }
  fatalError("re-parse of the root's source text differed")
}
