extension ServeConfiguration {
  /// The options reference as Markdown: one table of the options (key, flag, environment
  /// variable, default, help) and one of the sink options. `docs/deploy.md` embeds it between
  /// `<!-- options:begin -->` and `<!-- options:end -->`; a test checks it is current.
  public static func documentation() -> String {
    var out = "| Key | Flag | Environment | Default | Description |\n|---|---|---|---|---|\n"
    for option in options {
      out +=
        "| `\(option.key)` | `--\(option.flag)` | `\(option.environment)` | "
        + "\(escape(option.defaultText)) | \(escape(option.help)) |\n"
    }
    out += "\n"
    out += "Sinks are a list under `sinks:` in the file (`name` defaults to the type). "
    out += "`VIGIL_SINK_<NAME>_<OPTION>` sets an option of the sink with that name (upper case, "
    out += "`_` for other characters) or, with `VIGIL_SINK_<NAME>_TYPE`, adds one named in lower "
    out += "case with `-` for `_`. Each `--sink kind[:name][,key=value…]` flag adds a sink or "
    out += "changes the one with that name; a list option takes repeated keys or bare items "
    out +=
      "(`tags=T1609,T1611`). Without any sink from any source, alerts go to one `stdout` sink.\n\n"
    out += "| Sink key | Environment | Kinds | Default | Description |\n|---|---|---|---|---|\n"
    for option in sinkOptions {
      out +=
        "| `\(option.key)` | `VIGIL_SINK_<NAME>_\(option.environmentSuffix)` | \(option.kinds) | "
        + "\(escape(option.defaultText)) | \(escape(option.help)) |\n"
    }
    return out
  }

  private static func escape(_ text: String) -> String {
    text.replacing("|", with: "\\|")
  }
}
