/// JSON for `vigil exposure -o json` and the HTTP API, written by hand (no Foundation encoder).
extension Exposure {
  /// This entry point as one JSON object.
  public var json: String {
    var writer = ExposureJSONWriter()
    write(to: &writer, key: nil)
    return writer.text
  }

  /// `{"count":N,"exposures":[…]}` for a list of entry points.
  public static func json(_ exposures: [Exposure]) -> String {
    var writer = ExposureJSONWriter()
    writer.open()
    writer.int("count", exposures.count)
    writer.openArray("exposures")
    for exposure in exposures { exposure.write(to: &writer, key: nil) }
    writer.closeArray()
    writer.close()
    return writer.text
  }

  /// Writes the object (as member `key`, or as an array element when nil).
  func write(to writer: inout ExposureJSONWriter, key: String?) {
    let (severity, reason) = assessment
    writer.open(key)
    writer.string("id", id.description)
    writer.string("kind", kind.rawValue)
    Self.write(source, to: &writer, key: "source")
    writer.string("entry", id.entry)
    writer.string("severity", severity.description)
    writer.string("reason", reason)
    writer.strings("addresses", addresses)
    writer.openArray("ports")
    for port in ports {
      writer.open()
      writer.string("name", port.name)
      writer.int("port", port.port)
      writer.string("protocol", port.proto)
      writer.string("targetPort", port.targetPort)
      writer.int("nodePort", port.nodePort)
      writer.close()
    }
    writer.closeArray()
    writer.string("host", host)
    writer.strings("paths", paths)
    writer.bool("tls", tls)
    if let listener {
      writer.open("listener")
      writer.string("name", listener.name)
      writer.string("hostname", listener.hostname)
      writer.int("port", listener.port)
      writer.string("protocol", listener.proto)
      writer.close()
    }
    writer.openArray("backends")
    for backend in backends {
      writer.open()
      Self.write(backend.service, to: &writer, key: "service")
      writer.string("port", backend.port)
      writer.string("path", backend.path)
      if let route = backend.route { Self.write(route, to: &writer, key: "route") }
      writer.close()
    }
    writer.closeArray()
    writer.map("selector", selector)
    writer.openArray("workloads")
    for workload in workloads {
      writer.open()
      writer.string("kind", workload.kind)
      writer.string("namespace", workload.namespace)
      writer.string("name", workload.name)
      writer.close()
    }
    writer.closeArray()
    writer.strings("sourceRanges", sourceRanges)
    writer.bool("internal", isInternal)
    if let sensitivity {
      writer.open("sensitivity")
      writer.string("level", sensitivity.level == .high ? "high" : "low")
      writer.string("product", sensitivity.product)
      writer.strings("reasons", sensitivity.reasons)
      writer.close()
    }
    writer.string("manager", manager)
    writer.string("firstSeen", firstSeen.description)
    writer.close()
  }

  /// `{"kind":…,"namespace":…,"name":…}`.
  static func write(_ key: ObjectKey, to writer: inout ExposureJSONWriter, key member: String) {
    writer.open(member)
    writer.string("kind", key.kind)
    writer.string("namespace", key.namespace)
    writer.string("name", key.name)
    writer.close()
  }
}

extension ExposureChange {
  /// This change as one JSON object, with the entry point after it under `exposure`.
  public var json: String {
    var writer = ExposureJSONWriter()
    writer.open()
    writer.string("change", kind.rawValue)
    writer.string("severity", severity.description)
    writer.string("summary", summary)
    writer.string("reason", reason)
    writer.string("description", description)
    writer.string("time", time.description)
    exposure.write(to: &writer, key: "exposure")
    writer.close()
    return writer.text
  }
}
