import ArgumentParser
import Foundation
import VigilCore
import VigilKube
import VigilPipeline
import VigilStore

/// `vigil inventory`: the cluster's objects, offline.
struct InventoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inventory", abstract: "Import and summarize cluster objects (offline).",
    subcommands: [InventoryImportCommand.self])
}

/// `vigil inventory import`: `kubectl get -A -o json` output into the store.
struct InventoryImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Store cluster objects from `kubectl get … -A -o json` files.",
    discussion: """
      Takes Lists of any kinds (or one object per file), as `kubectl get pods,services,ingresses,\
      deployments,replicasets,statefulsets,daemonsets,jobs,cronjobs,nodes,namespaces,\
      clusterroles,clusterrolebindings,roles,rolebindings,networkpolicies -A -o json` prints \
      them. `vigil exposure` and `vigil rbac` then answer from the stored objects; importing \
      again replaces objects with the same kind, namespace and name.
      """)

  @Argument(help: "JSON files from kubectl.")
  var files: [String]

  @Option(help: "The SQLite database to store the objects in.")
  var db: String = "vigil.db"

  func run() throws {
    let now = Timestamp.now()
    var snapshot = ClusterSnapshot()
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw ValidationError("cannot read \(file)")
      }
      snapshot.add(file: file, bytes: [UInt8](data), at: now)
    }
    for problem in snapshot.problems {
      FileHandle.standardError.write(Data("skipped: \(problem)\n".utf8))
    }
    let store = try SQLiteStore(path: db)
    try store.save(objects: snapshot.objects)
    let stored = try ClusterSnapshot(store: store)
    let inventory = try stored.inventory(at: now)
    let exposures = stored.exposures(inventory: inventory).list()
    var kinds: [String: Int] = [:]
    for object in snapshot.objects { kinds[object.kind, default: 0] += 1 }
    print(
      "imported \(snapshot.objects.count) objects into \(db): "
        + kinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
    print(
      "stored now: \(stored.objects.count) objects, \(inventory.pods.count) pods, "
        + "\(exposures.count) entry points (vigil exposure --db \(db))")
    let registries = stored.registries()
    for (registry, sighting) in registries.registries.sorted(by: { $0.key < $1.key }) {
      let images = registries.images.filter { $0.key.registry == registry }
      let unpinned = images.keys.filter { !$0.isPinned }.count
      print(
        "registry \(registry) (\(registries.classifier.classify(registry))): "
          + "\(images.count) images, \(unpinned) not pinned by digest, namespaces "
          + sighting.namespaces.keys.sorted().joined(separator: ", "))
    }
  }
}
