import Foundation
import VigilCore
import VigilJSON

/// Alerts as JSON lines with every field, keys sorted, in the shape `Alert`'s `Codable` reads
/// back. Written by hand: Foundation's encoder cost ~50 µs per alert, a noisy ruleset's output
/// dominated the whole analysis.
public enum AlertJSON {
  /// One alert as a JSON line (with the trailing newline).
  public static func line(_ alert: Alert) -> String {
    var out = JSONOut()
    out.object { m in
      m.field("controls") { o in
        o.array(alert.controls) { o, c in
          o.object { m in
            m.string("framework", c.framework.rawValue)
            m.string("id", c.id)
          }
        }
      }
      m.number("count", alert.count)
      m.string("dedupKey", alert.dedupKey)
      m.field("evidence") { o in
        o.array(alert.evidence) { o, e in
          o.object { m in
            m.optional("auditID", e.auditID)
            m.field("position") { o in
              o.object { m in
                m.string("file", e.position.file)
                m.number("line", e.position.line)
              }
            }
            m.optional("stage", e.stage)
            m.string("time", e.time.description)
          }
        }
      }
      m.field("fields") { o in
        o.array(alert.fields) { o, f in
          o.object { m in
            m.string("name", f.name)
            m.optional("value", f.value)
          }
        }
      }
      m.string("lastSeen", alert.lastSeen.description)
      m.string("output", alert.output)
      m.string("rule", alert.rule)
      m.string("severity", alert.severity.description)
      m.string("source", alert.source)
      m.field("subject") { o in
        let s = alert.subject
        o.object { m in
          m.optional("name", s.name)
          m.optional("namespace", s.namespace)
          m.optional("resource", s.resource)
          m.optional("sourceIP", s.sourceIP)
          m.optional("user", s.user)
          m.optional("userAgent", s.userAgent)
        }
      }
      m.field("tags") { o in o.array(alert.tags) { o, t in o.text(t) } }
      m.string("time", alert.time.description)
    }
    return String(decoding: out.bytes, as: UTF8.self) + "\n"
  }

  /// Decodes a line written by `line`.
  public static func decode(_ line: String) throws -> Alert {
    try JSONDecoder().decode(Alert.self, from: Data(line.utf8))
  }
}

/// A small JSON writer for `AlertJSON`: objects with keys in the order written.
struct JSONOut {
  var bytes: [UInt8] = []

  /// An object whose members `body` writes.
  mutating func object(_ body: (inout Members) -> Void) {
    bytes.append(UInt8(ascii: "{"))
    var members = Members(out: self)
    bytes = []  // the members own the buffer while they write; no copy
    body(&members)
    members.out.bytes.append(UInt8(ascii: "}"))
    self = members.out
  }

  /// An array of `items`, each written by `body`.
  mutating func array<T>(_ items: [T], _ body: (inout JSONOut, T) -> Void) {
    bytes.append(UInt8(ascii: "["))
    for (i, item) in items.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      body(&self, item)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// A string value.
  mutating func text(_ value: String) { JSONText.appendQuoted(value, to: &bytes) }

  /// The members of an object being written.
  struct Members {
    var out: JSONOut
    var count = 0

    /// A member whose value `body` writes.
    mutating func field(_ key: String, _ body: (inout JSONOut) -> Void) {
      if count > 0 { out.bytes.append(UInt8(ascii: ",")) }
      count += 1
      JSONText.appendQuoted(key, to: &out.bytes)
      out.bytes.append(UInt8(ascii: ":"))
      body(&out)
    }

    /// A string member.
    mutating func string(_ key: String, _ value: String) {
      field(key) { $0.text(value) }
    }

    /// An integer member.
    mutating func number(_ key: String, _ value: Int) {
      field(key) { $0.bytes.append(contentsOf: String(value).utf8) }
    }

    /// A string member, left out when nil (as `Codable` does).
    mutating func optional(_ key: String, _ value: String?) {
      if let value { string(key, value) }
    }
  }
}
