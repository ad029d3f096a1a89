/// A first-in first-out queue on an array with a moving head (the standard library has no
/// deque): amortized O(1) append and pop, storage reclaimed as the head advances.
struct FIFOQueue<Element> {
  private var storage: [Element] = []
  private var head = 0

  var isEmpty: Bool { head == storage.count }
  var count: Int { storage.count - head }
  var first: Element? { head < storage.count ? storage[head] : nil }

  mutating func append(_ element: Element) { storage.append(element) }

  mutating func popFirst() -> Element? {
    guard head < storage.count else { return nil }
    let element = storage[head]
    head += 1
    if head >= 1024 && head * 2 >= storage.count {
      storage.removeFirst(head)
      head = 0
    }
    return element
  }

  /// Keeps only the elements `isLive` accepts (to drop entries made stale elsewhere).
  mutating func retain(_ isLive: (Element) -> Bool) {
    storage = storage[head...].filter(isLive)
    head = 0
  }
}

extension FIFOQueue: Sendable where Element: Sendable {}
