// swift-tools-version: 6.1
// Vigil: a Kubernetes runtime security monitor. Module map and rules of the road: DESIGN.md.
import Foundation
import PackageDescription

// Swift 6 language mode (strict concurrency) for every target; `any` spelled out for existentials.
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let allTargets: [Target] = [
  // Leaf: the fast JSON reader (one pass builds an index, values read on demand).
  .target(name: "VigilJSON", swiftSettings: strict),
  // The vocabulary: Event, Alert, Severity, controls, seam protocols.
  .target(name: "VigilCore", dependencies: ["VigilJSON"], swiftSettings: strict),
  // zlib for gzip-compressed audit logs.
  .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
  // audit.k8s.io decoding (native, EKS, AKS, GKE), redaction, inputs.
  .target(
    name: "VigilAudit", dependencies: ["VigilCore", "VigilJSON", "CZlib"], swiftSettings: strict),
  // Falco's rule language: loader, collector, compiler, fields.
  .target(
    name: "VigilRules",
    dependencies: ["VigilCore", "VigilJSON", .product(name: "Yams", package: "Yams")],
    swiftSettings: strict),
  // The cluster model: inventory, owner chains, time-aware IP → identity, exposure, RBAC,
  // image references. No I/O.
  .target(name: "VigilKube", dependencies: ["VigilCore", "VigilJSON"], swiftSettings: strict),
  // C shims for Linux interfaces Glibc does not expose (setns, netlink, packet sockets, BPF).
  .target(name: "CVigilLinux", path: "Sources/CVigilLinux"),
  // Flow records, conntrack over netlink, DNS capture, flow-source decoders (Hubble, VPC flow
  // logs), Community ID, attribution, aggregation and the network map.
  .target(
    name: "VigilNet", dependencies: ["VigilCore", "VigilJSON", "CVigilLinux", "CZlib"],
    swiftSettings: strict),
  // The Kubernetes API client: kubeconfig, in-cluster, exec credentials, list/watch.
  .target(
    name: "VigilKubeClient",
    dependencies: [
      "VigilCore", "VigilJSON", "VigilKube", .product(name: "Yams", package: "Yams"),
      .product(name: "AsyncHTTPClient", package: "async-http-client"),
      .product(name: "NIOSSL", package: "swift-nio-ssl"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOFoundationCompat", package: "swift-nio"),
      .product(name: "Logging", package: "swift-log"),
    ],
    swiftSettings: strict),
  // Streaming anomaly models with no Vigil vocabulary: Half-Space Trees, MIDAS / MIDAS-R,
  // count-min sketches, ROC-AUC, and readers for the published evaluation datasets.
  .target(name: "VigilAnomaly", dependencies: ["CZlib"], swiftSettings: strict),
  // Stateful detectors and the alert manager.
  .target(
    name: "VigilDetect",
    dependencies: ["VigilCore", "VigilRules", "VigilKube", "VigilJSON", "VigilNet", "VigilAnomaly"],
    swiftSettings: strict),
  // The Store contract and the SQLite store.
  .target(
    name: "VigilStore",
    dependencies: [
      "VigilCore", .product(name: "GRDB", package: "GRDB.swift"),
      .product(name: "GRDBSQLite", package: "GRDB.swift"),
    ],
    swiftSettings: strict),
  // Assembles sources → detect → alerts → sinks/store; the live processor and serve
  // configuration. No HTTP.
  .target(
    name: "VigilPipeline",
    dependencies: [
      "VigilCore", "VigilJSON", "VigilAudit", "VigilRules", "VigilDetect", "VigilStore", "VigilKube",
      "VigilNet", "VigilAnomaly", .product(name: "Yams", package: "Yams"),
      .product(name: "Logging", package: "swift-log"),
      .product(name: "Metrics", package: "swift-metrics"),
    ],
    swiftSettings: strict),
  // Alert delivery: stdout, rotating file, webhook (HMAC), Slack, Falcosidekick; filters,
  // retries, dead letters (async-http-client, swift-crypto).
  .target(
    name: "VigilSinks",
    dependencies: [
      "VigilCore", "VigilJSON", "VigilPipeline", "VigilStore",
      .product(name: "AsyncHTTPClient", package: "async-http-client"),
      .product(name: "Crypto", package: "swift-crypto"),
      .product(name: "Logging", package: "swift-log"),
      .product(name: "Metrics", package: "swift-metrics"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOFoundationCompat", package: "swift-nio"),
    ],
    swiftSettings: strict),
  // HTTP: the audit webhook, health, metrics, auth and TLS (hummingbird).
  .target(
    name: "VigilServer",
    dependencies: [
      "VigilCore", "VigilJSON", "VigilPipeline", "VigilStore", "VigilSinks", "VigilKube",
      "VigilKubeClient", "VigilDetect", "VigilNet", "VigilLogging",
      .product(name: "Hummingbird", package: "hummingbird"),
      .product(name: "HummingbirdTLS", package: "hummingbird"),
      .product(name: "NIOSSL", package: "swift-nio-ssl"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "Prometheus", package: "swift-prometheus"),
      .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      .product(name: "Logging", package: "swift-log"),
      .product(name: "Metrics", package: "swift-metrics"),
    ],
    swiftSettings: strict),
  // The node agent: conntrack and DNS readers, flow batching, the disk spool, shipping to the
  // server (async-http-client).
  .target(
    name: "VigilAgent",
    dependencies: [
      "VigilCore", "VigilNet", "VigilJSON",
      .product(name: "AsyncHTTPClient", package: "async-http-client"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOSSL", package: "swift-nio-ssl"),
      .product(name: "NIOFoundationCompat", package: "swift-nio"),
      .product(name: "Logging", package: "swift-log"),
      .product(name: "Metrics", package: "swift-metrics"),
    ],
    swiftSettings: strict),
  // swift-log handlers and bootstrap shared by `vigil serve` and the agent (JSON lines).
  .target(
    name: "VigilLogging",
    dependencies: [
      "VigilCore", "VigilJSON", .product(name: "Logging", package: "swift-log"),
    ],
    swiftSettings: strict),
  // `vigil agent` as a command: options, the service group, the NIO /metrics endpoint.
  .target(
    name: "VigilAgentCommand",
    dependencies: [
      "VigilAgent", "VigilNet", "VigilCore", "VigilLogging",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
      .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      .product(name: "Logging", package: "swift-log"),
      .product(name: "Metrics", package: "swift-metrics"),
      .product(name: "Prometheus", package: "swift-prometheus"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOPosix", package: "swift-nio"),
      .product(name: "NIOHTTP1", package: "swift-nio"),
    ],
    swiftSettings: strict),
  // The lean node-agent binary the DaemonSet runs.
  .executableTarget(
    name: "vigil-agent", dependencies: ["VigilAgentCommand"], swiftSettings: strict),
  // The deterministic generator of the demo audit log (a day of a small cluster, with attacks).
  .target(name: "VigilDemo", dependencies: ["VigilCore", "VigilJSON"], swiftSettings: strict),
  // Fixture HTTP servers and openssl-made certificates for the server and sink tests (NIO).
  .target(
    name: "VigilHTTPTesting",
    dependencies: [
      .product(name: "NIOSSL", package: "swift-nio-ssl"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOPosix", package: "swift-nio"),
      .product(name: "NIOHTTP1", package: "swift-nio"),
    ],
    swiftSettings: strict),
  // Helpers shared by the test targets.
  .target(
    name: "VigilTesting", dependencies: ["VigilCore", "VigilJSON", "VigilNet"],
    swiftSettings: strict),
  .executableTarget(
    name: "vigil",
    dependencies: [
      "VigilPipeline", "VigilCore", "VigilJSON", "VigilAudit", "VigilRules", "VigilDetect",
      "VigilStore", "VigilDemo", "VigilSinks", "VigilServer", "VigilKube", "VigilNet", "VigilAgent",
      "VigilAgentCommand", "VigilLogging", "VigilAnomaly",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
      .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      .product(name: "Logging", package: "swift-log"),
    ],
    swiftSettings: strict),

  .testTarget(name: "VigilJSONTests", dependencies: ["VigilJSON"], swiftSettings: strict),
  .testTarget(
    name: "VigilCoreTests", dependencies: ["VigilCore", "VigilTesting"], swiftSettings: strict),
  .testTarget(
    name: "VigilAuditTests",
    dependencies: ["VigilAudit", "VigilCore", "VigilJSON", "VigilTesting"],
    swiftSettings: strict),
  .testTarget(
    name: "VigilRulesTests",
    dependencies: ["VigilRules", "VigilAudit", "VigilCore", "VigilJSON", "VigilTesting"],
    swiftSettings: strict),
  .testTarget(
    name: "VigilAnomalyTests", dependencies: ["VigilAnomaly", "VigilTesting"],
    swiftSettings: strict),
  .testTarget(
    name: "VigilDetectTests",
    dependencies: [
      "VigilDetect", "VigilAnomaly", "VigilRules", "VigilAudit", "VigilCore", "VigilTesting", "VigilKube",
      "VigilNet", "VigilJSON",
    ],
    swiftSettings: strict),
  .testTarget(
    name: "VigilKubeTests",
    dependencies: ["VigilKube", "VigilCore", "VigilJSON", "VigilTesting"],
    swiftSettings: strict),
  .testTarget(
    name: "VigilNetTests", dependencies: ["VigilNet", "VigilCore", "VigilJSON", "VigilTesting"],
    swiftSettings: strict),
  .testTarget(
    name: "VigilKubeClientTests",
    dependencies: [
      "VigilKubeClient", "VigilKube", "VigilCore", "VigilJSON", "VigilTesting", "VigilHTTPTesting",
      .product(name: "AsyncHTTPClient", package: "async-http-client"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOPosix", package: "swift-nio"),
      .product(name: "NIOHTTP1", package: "swift-nio"),
      .product(name: "NIOSSL", package: "swift-nio-ssl"),
      .product(name: "Logging", package: "swift-log"),
    ],
    swiftSettings: strict),
  .testTarget(
    name: "VigilStoreTests", dependencies: ["VigilStore", "VigilCore", "VigilTesting"],
    swiftSettings: strict),
  .testTarget(
    name: "VigilDemoTests", dependencies: ["VigilDemo", "VigilJSON", "VigilTesting"],
    swiftSettings: strict),
  .testTarget(
    name: "VigilPipelineTests",
    dependencies: [
      "VigilPipeline", "VigilCore", "VigilTesting", "VigilStore", "VigilRules", "VigilAudit",
      "VigilJSON", "VigilKube", "VigilNet", .product(name: "Yams", package: "Yams"),
      .product(name: "Logging", package: "swift-log"),
      .product(name: "Metrics", package: "swift-metrics"),
    ],
    swiftSettings: strict),
  .testTarget(
    name: "VigilSinksTests",
    dependencies: [
      "VigilSinks", "VigilPipeline", "VigilCore", "VigilStore", "VigilTesting", "VigilHTTPTesting",
      .product(name: "AsyncHTTPClient", package: "async-http-client"),
      .product(name: "Metrics", package: "swift-metrics"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOPosix", package: "swift-nio"),
      .product(name: "NIOHTTP1", package: "swift-nio"),
      .product(name: "Crypto", package: "swift-crypto"),
      .product(name: "Logging", package: "swift-log"),
    ],
    swiftSettings: strict),
  .testTarget(
    name: "VigilServerTests",
    dependencies: [
      "VigilServer", "VigilSinks", "VigilPipeline", "VigilStore", "VigilCore", "VigilTesting",
      "VigilHTTPTesting", "VigilKube", "VigilKubeClient", "VigilJSON", "VigilNet", "VigilAgent",
      .product(name: "AsyncHTTPClient", package: "async-http-client"),
      .product(name: "NIOSSL", package: "swift-nio-ssl"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOPosix", package: "swift-nio"),
      .product(name: "NIOHTTP1", package: "swift-nio"),
      .product(name: "Logging", package: "swift-log"),
    ],
    swiftSettings: strict),
  .testTarget(
    name: "VigilAgentTests",
    dependencies: [
      "VigilAgent", "VigilNet", "VigilCore", "VigilJSON", "VigilTesting", "VigilHTTPTesting",
      .product(name: "AsyncHTTPClient", package: "async-http-client"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOHTTP1", package: "swift-nio"),
      .product(name: "Logging", package: "swift-log"),
      .product(name: "Metrics", package: "swift-metrics"),
    ],
    swiftSettings: strict),
  // `vigil serve` as a user runs it: the built binary with real TLS, sinks, kill -9 and restart.
  .testTarget(
    name: "VigilServeTests",
    dependencies: [
      "VigilStore", "VigilCore", "VigilTesting", "VigilHTTPTesting", "VigilNet", "VigilJSON",
      .product(name: "AsyncHTTPClient", package: "async-http-client"),
      .product(name: "NIOSSL", package: "swift-nio-ssl"),
      .product(name: "NIOCore", package: "swift-nio"),
      .product(name: "NIOHTTP1", package: "swift-nio"),
      .product(name: "Crypto", package: "swift-crypto"),
    ],
    swiftSettings: strict),
]

// Development aid: `VIGIL_DEV_TARGETS=VigilJSON,VigilJSONTests swift test --scratch-path .build-json`
// builds and tests only the named targets, so parallel work on separate modules does not block
// on each other's half-finished code. Unset (CI, users), the whole package is built.
let devTargets: Set<String>? = ProcessInfo.processInfo.environment["VIGIL_DEV_TARGETS"].map {
  Set($0.split(separator: ",").map { String($0) })
}

let package = Package(
  name: "Vigil",
  platforms: [.macOS(.v15)],
  products: devTargets == nil
    ? [
      .executable(name: "vigil", targets: ["vigil"]),
      .executable(name: "vigil-agent", targets: ["vigil-agent"]),
    ] : [],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    // Hummingbird's default traits pull in swift-configuration; Vigil reads its own YAML.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
  ],
  // System libraries (CZlib) come along whatever the filter names.
  targets: devTargets.map { only in
    allTargets.filter { only.contains($0.name) || $0.type == .system }
  } ?? allTargets,
  swiftLanguageModes: [.v6]
)
