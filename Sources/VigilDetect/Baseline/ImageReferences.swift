import VigilJSON

/// Finds container images in a request body or a stored object: pod specs and templates (`…containers[].image`),
/// strategic-merge and merge patches, and JSON-patch operations whose path ends in `/image`.
public enum ImageReferences {
  /// The images set by a request object, in order of appearance, without duplicates.
  public static func find(in value: JSONValue?) -> [String] {
    guard let value else { return [] }
    var found: [String] = []
    collect(value, depth: 0, into: &found)
    var seen = Set<String>()
    return found.filter { seen.insert($0).inserted }
  }

  private static func collect(_ value: JSONValue, depth: Int, into found: inout [String]) {
    guard depth < 32 else { return }
    switch value.kind {
    case .object:
      if let path = value["path"]?.string, path.hasSuffix("/image"),
        let image = value["value"]?.string
      {
        found.append(image)
        return
      }
      value.forEachMember { key, member in
        if key == "image", let image = member.string {
          found.append(image)
        } else if key == "metadata" || key == "status" {
          return
        } else {
          collect(member, depth: depth + 1, into: &found)
        }
      }
    case .array:
      value.forEachElement { collect($0, depth: depth + 1, into: &found) }
    default:
      break
    }
  }
}
