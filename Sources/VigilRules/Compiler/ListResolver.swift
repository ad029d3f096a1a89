/// Compiles lists in definition order: an item naming a list defined before is replaced by that
/// list's items (Falco's `compile_list_infos`).
struct ListResolver: Sendable {
  /// Expanded items by list name.
  private(set) var items: [String: [String]] = [:]
  /// Lists referenced by other lists.
  private(set) var referencedByLists: Set<String> = []

  init(lists: IndexedDefinitions<CollectedList>) {
    for list in lists.values {
      var expanded: [String] = []
      for item in list.items {
        if let nested = items[item.text] {
          expanded += nested
          referencedByLists.insert(item.text)
        } else {
          expanded.append(item.text)
        }
      }
      items[list.name] = expanded
    }
  }
}
