/// A kind of software whose exposure matters: its well-known ports and image names.
public struct SensitiveProduct: Sendable, Hashable {
  /// The name used in explanations (`postgres`).
  public var name: String
  /// Well-known ports (a port alone is enough evidence).
  public var ports: [Int]
  /// Image repository names (last path component, before the tag) that identify it.
  public var imageNames: [String]

  /// Creates a product.
  public init(name: String, ports: [Int], imageNames: [String]) {
    self.name = name
    self.ports = ports
    self.imageNames = imageNames
  }

  /// Databases, caches, secret stores, object stores and control-plane stores Vigil knows.
  public static let standard: [SensitiveProduct] = [
    SensitiveProduct(
      name: "postgres", ports: [5432],
      imageNames: ["postgres", "postgresql", "postgis", "timescaledb", "pgbouncer", "patroni"]),
    SensitiveProduct(
      name: "mysql", ports: [3306, 33060], imageNames: ["mysql", "percona", "percona-server"]),
    SensitiveProduct(name: "mariadb", ports: [], imageNames: ["mariadb", "galera"]),
    SensitiveProduct(
      name: "mongodb", ports: [27017, 27018, 27019], imageNames: ["mongo", "mongodb"]),
    SensitiveProduct(
      name: "redis", ports: [6379, 26379], imageNames: ["redis", "valkey", "keydb"]),
    SensitiveProduct(
      name: "elasticsearch", ports: [9200, 9300], imageNames: ["elasticsearch", "opensearch"]),
    SensitiveProduct(name: "cassandra", ports: [9042, 9160], imageNames: ["cassandra", "scylla"]),
    SensitiveProduct(name: "couchdb", ports: [5984], imageNames: ["couchdb"]),
    SensitiveProduct(name: "memcached", ports: [11211], imageNames: ["memcached"]),
    SensitiveProduct(name: "etcd", ports: [2379, 2380], imageNames: ["etcd"]),
    SensitiveProduct(name: "vault", ports: [8200], imageNames: ["vault", "openbao"]),
    SensitiveProduct(name: "consul", ports: [8500], imageNames: ["consul"]),
    SensitiveProduct(name: "minio", ports: [], imageNames: ["minio"]),
    SensitiveProduct(name: "mssql", ports: [1433], imageNames: ["mssql", "mssql-server"]),
    SensitiveProduct(name: "oracle", ports: [1521], imageNames: ["oracle", "oracle-database"]),
    SensitiveProduct(name: "cockroachdb", ports: [26257], imageNames: ["cockroach"]),
    SensitiveProduct(name: "neo4j", ports: [7687], imageNames: ["neo4j"]),
    SensitiveProduct(name: "influxdb", ports: [8086], imageNames: ["influxdb"]),
    SensitiveProduct(
      name: "clickhouse", ports: [8123], imageNames: ["clickhouse-server", "clickhouse"]),
    SensitiveProduct(name: "zookeeper", ports: [2181], imageNames: ["zookeeper"]),
  ]

  /// How well an image reference (`docker.io/bitnami/postgresql:15@sha256:…`) names this product,
  /// from its last path component: 3 equal to a known name, 2 ending in `-name`, 1 starting with
  /// `name-`, 0 not at all. The strongest match wins (`percona-server-mongodb` is mongodb).
  public func matchStrength(image: String) -> Int {
    matchStrength(repositoryName: Self.repositoryName(image))
  }

  /// `matchStrength(image:)` for an already extracted `repositoryName(_:)`.
  public func matchStrength(repositoryName component: String) -> Int {
    var best = 0
    for name in imageNames {
      if component == name { return 3 }
      if component.hasSuffix("-" + name) { best = max(best, 2) }
      if component.hasPrefix(name + "-") { best = max(best, 1) }
    }
    return best
  }

  /// The last path component of an image reference, without tag or digest, lower-cased.
  public static func repositoryName(_ image: String) -> String {
    var text = Substring(image.lowercased())
    if let at = text.firstIndex(of: "@") { text = text[..<at] }
    if let slash = text.lastIndex(of: "/") { text = text[text.index(after: slash)...] }
    if let colon = text.firstIndex(of: ":") { text = text[..<colon] }
    return String(text)
  }
}
