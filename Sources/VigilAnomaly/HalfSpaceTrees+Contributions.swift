#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension HalfSpaceTrees {
  /// How much each feature contributed to `x`'s score, summing to 1 (all zero when no tree
  /// isolated it): along each tree's scoring path, every split that sends `x` to a child with
  /// less reference mass credits its feature with the drop, log2((parent + 1) / (child + 1)).
  /// The features whose splits cut `x` away from the mass are the ones that make it unusual.
  public func contributions(_ x: [Double]) -> [Double] {
    var credit = [Double](repeating: 0, count: dimensions)
    guard featureRanges != nil else { return credit }
    let point = x.count == dimensions ? x : padded(x)
    for t in 0..<trees {
      let nodeBase = t * nodeCount
      var n = 0
      var k = 0
      var mass = referenceMass(nodeBase)
      while k < depth && mass > sizeLimit {
        let node = nodes[nodeBase + n]
        let feature = Int(node.feature)
        n = point[feature] < node.split ? 2 * n + 1 : 2 * n + 2
        k += 1
        let child = referenceMass(nodeBase + n)
        if child < mass {
          credit[feature] += log2(Double(mass + 1) / Double(child + 1))
        }
        mass = child
      }
    }
    let total = credit.reduce(0, +)
    guard total > 0 else { return credit }
    return credit.map { $0 / total }
  }
}
