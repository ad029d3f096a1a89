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
  // Stateful detectors and the alert manager.
  .target(name: "VigilDetect", dependencies: ["VigilCore", "VigilRules"], swiftSettings: strict),
  // The Store contract and the SQLite store.
  .target(
    name: "VigilStore",
    dependencies: [
      "VigilCore", .product(name: "GRDB", package: "GRDB.swift"),
      .product(name: "GRDBSQLite", package: "GRDB.swift"),
    ],
    swiftSettings: strict),
  // Assembles sources → detect → alerts → sinks/store. No HTTP.
  .target(
    name: "VigilPipeline",
    dependencies: [
      "VigilCore", "VigilJSON", "VigilAudit", "VigilRules", "VigilDetect", "VigilStore",
    ],
    swiftSettings: strict),
  // The deterministic generator of the demo audit log (a day of a small cluster, with attacks).
  .target(name: "VigilDemo", dependencies: ["VigilCore", "VigilJSON"], swiftSettings: strict),
  // Helpers shared by the test targets.
  .target(
    name: "VigilTesting", dependencies: ["VigilCore", "VigilJSON"], swiftSettings: strict),
  .executableTarget(
    name: "vigil",
    dependencies: [
      "VigilPipeline", "VigilCore", "VigilJSON", "VigilAudit", "VigilRules", "VigilDetect",
      "VigilStore", "VigilDemo",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
    name: "VigilDetectTests",
    dependencies: ["VigilDetect", "VigilRules", "VigilAudit", "VigilCore", "VigilTesting"],
    swiftSettings: strict),
  .testTarget(
    name: "VigilStoreTests", dependencies: ["VigilStore", "VigilCore", "VigilTesting"],
    swiftSettings: strict),
  .testTarget(
    name: "VigilDemoTests", dependencies: ["VigilDemo", "VigilJSON", "VigilTesting"],
    swiftSettings: strict),
  .testTarget(
    name: "VigilPipelineTests",
    dependencies: ["VigilPipeline", "VigilCore", "VigilTesting", "VigilStore", "VigilRules"],
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
  products: devTargets == nil ? [.executable(name: "vigil", targets: ["vigil"])] : [],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: devTargets.map { only in allTargets.filter { only.contains($0.name) } } ?? allTargets,
  swiftLanguageModes: [.v6]
)
