import VigilJSON

/// One page of a list response: the items as raw JSON, the list's resource version, and the
/// token for the next page.
public struct KubeListPage: Sendable {
  /// The objects (views into the page's parsed body).
  public var items: [JSONValue]
  /// `metadata.resourceVersion` of the list: where a watch continues from.
  public var resourceVersion: String
  /// `metadata.continue`: nil on the last page.
  public var continueToken: String?

  /// Creates a page.
  public init(items: [JSONValue], resourceVersion: String, continueToken: String?) {
    self.items = items
    self.resourceVersion = resourceVersion
    self.continueToken = continueToken
  }

  /// Reads a `…List` response body.
  init(body: [UInt8], resource: KubeResource) throws(KubeClientError) {
    let document: JSONDocument
    do {
      document = try JSONDocument(parsing: body)
    } catch {
      throw KubeClientError(.invalidResponse, "list \(resource): \(error)")
    }
    let root = document.root
    guard let items = root["items"], items.kind == .array || items.isNull else {
      throw KubeClientError(.invalidResponse, "list \(resource): no items array")
    }
    guard let version = root.value(atPath: "metadata", "resourceVersion")?.string else {
      throw KubeClientError(.invalidResponse, "list \(resource): no metadata.resourceVersion")
    }
    let next = root.value(atPath: "metadata", "continue")?.string
    self.init(
      items: items.isNull ? [] : items.elements, resourceVersion: version,
      continueToken: next.flatMap { $0.isEmpty ? nil : $0 })
  }
}
