import Foundation
import Testing
import VigilStore

/// Makes fresh, empty stores of one backend for the contract tests.
protocol StoreFactory: Sendable, CustomTestStringConvertible {
  /// A new empty store, and what to run when the test is done with it.
  func make() throws -> ScopedStore
}

/// A store with its cleanup.
struct ScopedStore {
  /// The store.
  var store: any Store
  /// Closes the store and removes its files.
  var cleanup: () -> Void
}

/// Every backend the contract runs over.
enum StoreFactories {
  static let all: [any StoreFactory] = [InMemoryStoreFactory(), SQLiteStoreFactory()]
}

struct InMemoryStoreFactory: StoreFactory {
  var testDescription: String { "InMemoryStore" }
  func make() throws -> ScopedStore { ScopedStore(store: InMemoryStore(), cleanup: {}) }
}

struct SQLiteStoreFactory: StoreFactory {
  var testDescription: String { "SQLiteStore" }
  func make() throws -> ScopedStore {
    let directory = try TemporaryDirectory()
    let store = try SQLiteStore(path: directory.path("store.db"))
    return ScopedStore(
      store: store,
      cleanup: {
        try? store.close()
        directory.remove()
      })
  }
}

/// A fresh directory under the system's temporary directory.
struct TemporaryDirectory: Sendable {
  /// The directory's URL.
  let url: URL

  /// Creates the directory.
  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("vigil-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// The path of a file in the directory.
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Deletes the directory and its files.
  func remove() { try? FileManager.default.removeItem(at: url) }
}
