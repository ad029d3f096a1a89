/// `?, ?, …` for an insert of `count` columns.
func placeholders(count: Int) -> String {
  Array(repeating: "?", count: count).joined(separator: ", ")
}
