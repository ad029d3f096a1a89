import VigilCore
import VigilJSON

/// Falco's generic JSON event fields (`jevt.*`, and the json plugin's newer `json.*` names):
/// the event time and any value of the audit event's JSON by RFC 6901 pointer.
///
/// Values print as Falco's json plugin prints them: strings unquoted, numbers and booleans as
/// their text, objects and arrays as compact JSON. `jevt.rawtime` is a number (nanoseconds since
/// the epoch, from `stageTimestamp`), as Falco's `uint64`.
enum JEVTFields {
  /// Every `jevt.*` and `json.*` field.
  static let all: [Field] = [
    Field.reading(
      "jevt.time", .string, "json event timestamp as a string that includes the nanosecond part"
    ) { event, _ in
      event.audit == nil ? .missing : .string(FieldSupport.falcoTime(event.time))
    },
    Field.reading(
      "jevt.time.iso8601", .string,
      "json event timestamp in ISO 8601 format, including nanoseconds and time zone offset (in UTC)"
    ) { event, _ in
      event.audit == nil ? .missing : .string(FieldSupport.falcoISO8601(event.time))
    },
    rawtime("jevt.rawtime", "absolute event timestamp, i.e. nanoseconds from epoch."),
    value(
      "jevt.value",
      "General way to access single property from json object. The syntax is [<json pointer expression>]. The property is returned as a string"
    ),
    object("jevt.obj", "The entire json object, stringified"),
    value(
      "json.value",
      "Extracts a value from a JSON-encoded input. Syntax is json.value[<json pointer>], where <json pointer> is a json pointer (see https://datatracker.ietf.org/doc/html/rfc6901)"
    ),
    object("json.obj", "The full json message as a text string."),
    rawtime("json.rawtime", "The time of the event, identical to evt.rawtime."),
  ]

  /// The event time in nanoseconds since the epoch.
  static func rawtime(_ name: String, _ description: String) -> Field {
    Field.reading(name, .number, cost: .property, description) { event, _ in
      event.audit == nil ? .missing : .number(event.time.nanoseconds)
    }
  }

  /// The value at a JSON pointer (`[/requestObject/spec/containers/0/image]`).
  static func value(_ name: String, _ description: String) -> Field {
    Field.reading(
      name, .string, argument: .requiredKey, description,
      specialize: { argument in
        guard let argument else { return { _ in .missing } }
        let pointer = JSONPointer(argument.key)
        return { context in .json(pointer.resolve(in: context.auditRoot)) }
      }
    ) { event, argument in
      guard let argument else { return .missing }
      return .json(event.auditRoot?.value(atPointer: argument.key))
    }
  }

  /// The whole event as compact JSON.
  static func object(_ name: String, _ description: String) -> Field {
    Field.reading(name, .string, description) { event, _ in
      guard let root = event.auditRoot else { return .missing }
      return .string(root.compactText)
    }
  }
}
