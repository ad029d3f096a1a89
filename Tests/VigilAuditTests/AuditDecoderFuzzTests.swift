import Foundation
import Testing
import VigilAudit
import VigilCore
import VigilJSON
import VigilTesting

/// Seeded, deterministic mutations of real events in every shape: the decoder never traps, every
/// input that is not JSON yields a diagnostic, and no secret survives a mutated secret event.
@Suite struct AuditDecoderFuzzTests {
  /// SplitMix64: a small deterministic generator, so failures reproduce.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static var seeds: [String] {
    var seeds = [
      AuditSamples.podCreate, AuditSamples.secretCreate, AuditSamples.secretPatch,
      AuditSamples.secretList, AuditSamples.nestedSecret, AuditSamples.partial,
      AuditSamples.gkeExec, AuditSamples.gkeBinding, AuditSamples.gkeSecretDenied,
      AuditSamples.cloudWatchRecord(AuditSamples.secretCreate),
      AuditSamples.aksRecord(AuditSamples.podCreate),
      AuditSamples.aksRecord(AuditSamples.secretCreate, asObject: true),
      "2024-05-01T10:00:00Z \(AuditSamples.podCreate)",
      #"{"kind":"EventList","items":[\#(AuditSamples.podCreate),\#(AuditSamples.partial)]}"#,
      #"{"messageType":"DATA_MESSAGE","logEvents":[{"message":\#(JSONText.quoted(AuditSamples.secretPatch))}]}"#,
    ]
    if SharedData.isAvailable,
      let folder = try? SharedData.require("anchors/falco-k8saudit/events"),
      let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
    {
      for name in names.sorted() {
        if let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        {
          seeds.append(text)
        }
      }
    }
    return seeds
  }

  /// Replacements for a value: wrong types, huge numbers, deep nesting, odd strings.
  static let replacements = [
    "0", "-1", "1e999", "123456789012345678901234567890", "true", "null", "[]", "{}", #""""#,
    #""\u0000\ud800""#, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 600),
    #"{"kind":"Secret","data":{"x":"c3VwZXJzZWNyZXQ="}}"#,
    #"[{"op":"add","path":"/data/x","value":"hunter2"}]"#,
    #""not-a-time""#, #""2024-13-45T99:99:99Z""#, "-0.0e-0",
  ]

  static func mutate(_ input: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
    var bytes = input
    guard !bytes.isEmpty else { return bytes }
    switch rng.next() % 7 {
    case 0:  // truncation
      bytes.removeLast(Int(rng.next() % UInt64(bytes.count)))
    case 1:  // byte flips
      for _ in 0..<(1 + rng.next() % 8) {
        bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
      }
    case 2, 3:  // replace the value after some `":` with another type
      let colons = bytes.indices.filter { bytes[$0] == 0x3A && $0 > 0 && bytes[$0 - 1] == 0x22 }
      guard let colon = colons.randomElement(using: &rng) else { return bytes }
      var end = colon + 1
      var depth = 0
      var inString = false
      while end < bytes.count {
        let c = bytes[end]
        if inString {
          if c == 0x5C {
            end += 1
          } else if c == 0x22 {
            inString = false
            if depth == 0 {
              end += 1
              break
            }
          }
        } else if c == 0x22 {
          inString = true
        } else if c == 0x7B || c == 0x5B {
          depth += 1
        } else if c == 0x7D || c == 0x5D {
          if depth == 0 { break }
          depth -= 1
          if depth == 0 {
            end += 1
            break
          }
        } else if c == 0x2C && depth == 0 {
          break
        }
        end += 1
      }
      let replacement = replacements.randomElement(using: &rng) ?? "0"
      bytes.replaceSubrange((colon + 1)..<min(end, bytes.count), with: Array(replacement.utf8))
    case 4:  // insert structural bytes
      let at = Int(rng.next() % UInt64(bytes.count))
      let junk: [[UInt8]] = [
        [0x7B], [0x5B], [0x22], [0x5C], [0x2C], [0x7D, 0x7D], [0x0A], [0xFF, 0xFE],
      ]
      bytes.insert(contentsOf: junk.randomElement(using: &rng) ?? [0], at: at)
    case 5:  // duplicate a slice
      let a = Int(rng.next() % UInt64(bytes.count))
      let b = min(bytes.count, a + Int(rng.next() % 200))
      bytes.insert(contentsOf: bytes[a..<b], at: Int(rng.next() % UInt64(bytes.count)))
    default:  // wrap in a shape
      let text = String(decoding: bytes, as: UTF8.self)
      let wrappers = [
        AuditSamples.cloudWatchRecord(text), AuditSamples.aksRecord(text), "[\(text),\(text)]",
        #"{"records":[\#(text)]}"#, #"{"kind":"EventList","items":[\#(text)]}"#,
      ]
      bytes = Array((wrappers.randomElement(using: &rng) ?? text).utf8)
    }
    return bytes
  }

  @Test func twentyThousandMutations() {
    var rng = SplitMix(state: 0x5EED_0A0D_17)
    let seeds = Self.seeds.map { Array($0.utf8) }
    let decoder = AuditDecoder()
    var indexer = JSONIndexer()
    var decoded = 0
    var diagnosed = 0
    for iteration in 0..<20_000 {
      let seed = seeds[iteration % seeds.count]
      var input = Self.mutate(seed, &rng)
      if rng.next() % 3 == 0 { input = Self.mutate(input, &rng) }
      var events: [Event] = []
      var diagnostics: [InputDiagnostic] = []
      decoder.decode(
        bytes: input, at: SourcePosition(file: "fuzz", line: iteration), indexer: &indexer,
        into: &events, diagnostics: &diagnostics)
      if (try? JSONDocument(parsing: input)) == nil && TimestampPrefixProbe.hasNone(input) {
        #expect(!diagnostics.isEmpty, "iteration \(iteration) not JSON without a diagnostic")
      }
      if !events.isEmpty { decoded += 1 }
      if !diagnostics.isEmpty { diagnosed += 1 }
      for event in events {
        guard let audit = event.audit else { continue }
        #expect(!audit.auditID.isEmpty || audit.document.root["auditID"] != nil)
        #expect((try? JSONDocument(parsing: audit.document.bytes)) != nil)
      }
    }
    #expect(decoded > 1_000)
    #expect(diagnosed > 1_000)
  }

  @Test func secretValuesNeverSurviveMutatedSecretEvents() {
    var rng = SplitMix(state: 42)
    let seeds = [AuditSamples.secretCreate, AuditSamples.secretList, AuditSamples.gkeSecretDenied]
      .map { Array($0.utf8) }
    let decoder = AuditDecoder()
    for iteration in 0..<3_000 {
      let seed = seeds[iteration % seeds.count]
      // Only mutations that keep the secret-ness: wrapping, duplicating, replacing other values.
      let input = rng.next() % 2 == 0 ? seed : Self.mutate(seed, &rng)
      let (events, _) = decoder.decode(text: String(decoding: input, as: UTF8.self))
      for event in events {
        guard let audit = event.audit, audit.objectRef?.resource == "secrets" else { continue }
        for key in ["requestObject", "responseObject"] {
          guard let body = audit.document.root[key], body.kind == .object else { continue }
          for field in ["data", "stringData"] {
            body[field]?.forEachMember { _, value in
              #expect(value.stringEquals("<redacted>"), "iteration \(iteration): \(field) kept")
            }
          }
        }
      }
    }
  }
}

/// Whether bytes lack an S3-export time prefix (then unparsable bytes must yield a diagnostic).
enum TimestampPrefixProbe {
  static func hasNone(_ bytes: [UInt8]) -> Bool {
    guard let first = bytes.first else { return true }
    return !(first >= 0x30 && first <= 0x39)
  }
}
