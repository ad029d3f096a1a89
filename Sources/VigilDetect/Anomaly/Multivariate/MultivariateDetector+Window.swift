import VigilAnomaly
import VigilCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension MultivariateDetector {
  /// An alert before aggregation, with its score.
  struct Scored {
    var alert: Alert
    var score: Double
  }

  /// Recent masses kept per kind for the typical mass.
  static let massHistory = 256
  /// Masses needed before scores count.
  static let minimumMasses = 16

  /// Closes the entity's open window: scores it (alerting when unusual), then learns it.
  mutating func close(_ key: EntityKey, into found: inout [Scored]) {
    guard var state = entities.removeValue(forKey: key) else { return }
    defer { entities[key] = state }
    guard state.window != nil else { return }
    let raw = ActivityFeatures.raw(counts: state.counts, distinct: state.distinct.map(\.count))
    let x = ActivityFeatures.scaled(raw)
    var model = models.removeValue(forKey: key.kind) ?? newModel(key.kind)
    defer { models[key.kind] = model }
    if model.trees.hasReference {
      let mass = model.trees.rawScore(x)
      if model.masses.count >= Self.minimumMasses, state.closed >= configuration.warmUpWindows {
        let sensitivity = key.namespace.flatMap { configuration.namespaceSensitivity[$0] } ?? 1
        let score = Self.score(mass: mass, in: model)
        let deviations = score / (model.scoreSpread + Self.spreadFloor)
        if sensitivity > 0, score >= configuration.minimumScore,
          deviations >= configuration.threshold / sensitivity
        {
          let contributions = model.trees.contributions(x)
          // Unusual for the kind but ordinary for this entity (every feature that sets the
          // window apart is within the entity's own typical range): nothing to explain.
          if isAtypicalForEntity(raw: raw, contributions: contributions, state: state) {
            let alert = makeAlert(
              key: key, state: state, raw: raw, contributions: contributions, score: score,
              deviations: deviations)
            found.append(Scored(alert: alert, score: score))
          }
        }
      }
      Self.record(mass: mass, in: &model)
    }
    model.trees.learn(x)
    remember(raw, in: &state)
    state.closed += 1
    state.window = nil
    for i in state.counts.indices { state.counts[i] = 0 }
    for i in state.distinct.indices { state.distinct[i].removeAll(keepingCapacity: true) }
  }

  private func newModel(_ kind: EntityKey.Kind) -> KindModel {
    let offset = UInt64(EntityKey.Kind.allCases.firstIndex(of: kind) ?? 0)
    return KindModel(
      trees: HalfSpaceTrees(
        dimensions: ActivityFeatures.count, trees: configuration.trees,
        depth: configuration.depth, windowSize: configuration.referenceWindows,
        seed: configuration.seed &+ offset &* 0x9E37_79B9_7F4A_7C15,
        featureRanges: [ClosedRange<Double>](repeating: 0...1, count: ActivityFeatures.count)))
  }

  /// Added to the score spread, so a kind whose windows all look alike does not divide by zero.
  static let spreadFloor = 0.05

  /// log2(typical mass / mass): 0 for a typical window, 1 for half its mass, 3 for an eighth.
  static func score(mass: Double, in model: KindModel) -> Double {
    log2((model.typicalMass + 1) / (mass + 1))
  }

  private static func record(mass: Double, in model: inout KindModel) {
    if model.masses.count < massHistory {
      model.masses.append(mass)
    } else {
      model.masses[model.massNext] = mass
      model.massNext = (model.massNext + 1) % massHistory
    }
    model.sinceTypical += 1
    if model.masses.count < 64 || model.sinceTypical >= 16 {
      model.typicalMass = RobustStatistics.median(model.masses)
      let scores = model.masses.map { score(mass: $0, in: model) }
      model.scoreSpread =
        1.4826 * RobustStatistics.mad(scores, around: RobustStatistics.median(scores))
      model.sinceTypical = 0
    }
  }

  private func remember(_ raw: [Double], in state: inout EntityState) {
    let width = ActivityFeatures.count
    let capacity = max(1, configuration.typicalHistory)
    if state.history.count < capacity * width {
      state.history.append(contentsOf: raw.map(Float.init))
    } else {
      let base = state.historyNext * width
      for i in 0..<width { state.history[base + i] = Float(raw[i]) }
      state.historyNext = (state.historyNext + 1) % capacity
    }
  }

  /// The 10th to 90th percentile of a feature over the entity's remembered windows.
  func typicalRange(_ feature: Int, in state: EntityState) -> ClosedRange<Double>? {
    let width = ActivityFeatures.count
    let rows = state.history.count / width
    guard rows > 0 else { return nil }
    let values = (0..<rows).map { Double(state.history[$0 * width + feature]) }.sorted()
    let low = values[Int((Double(rows - 1) * 0.1).rounded(.down))]
    let high = values[Int((Double(rows - 1) * 0.9).rounded(.up))]
    return low...high
  }
}

extension MultivariateDetector {
  /// The score (log2 of typical mass over the window's mass) and robust deviations a window
  /// with these raw features (``ActivityFeatures`` order) would get from the model of `kind`,
  /// without learning it; nil before the model has a reference.
  public func score(rawFeatures raw: [Double], kind: EntityKey.Kind)
    -> (score: Double, deviations: Double)?
  {
    guard let model = models[kind], model.trees.hasReference,
      model.masses.count >= Self.minimumMasses
    else { return nil }
    let score = Self.score(mass: model.trees.rawScore(ActivityFeatures.scaled(raw)), in: model)
    return (score, score / (model.scoreSpread + Self.spreadFloor))
  }
}
