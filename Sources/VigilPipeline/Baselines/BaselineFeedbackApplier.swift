import Foundation
import VigilCore
import VigilDetect
import VigilStore

/// Turns `vigil baseline accept|lock|unlock` into stored feedback, and applies stored feedback
/// to the baseline detector of one stream: facts about network behavior (peers, domains,
/// listening ports, processes) belong to the flow stream's profiles, the rest (API calls, client
/// families, source networks, registries, images) to the audit stream's.
public enum BaselineFeedbackApplier {
  /// One accepted fact as stored in a feedback body.
  struct StoredFact: Codable {
    var entity: String
    var category: String
    var value: String
    var time: Int64
  }

  /// The stream whose profiles learn facts of `category`.
  public static func stream(of category: FactCategory) -> String {
    switch category {
    case .peer, .domain, .listeningPort, .process: "flows"
    case .apiCall, .userAgent, .sourceIP, .registry, .image: "audit"
    }
  }

  /// Feedback accepting `facts` (an alert's new values) as normal.
  public static func accept(_ facts: [BehaviorFact], at time: Timestamp, by user: String?)
    throws -> BaselineFeedback
  {
    let stored = facts.map {
      StoredFact(
        entity: $0.entity.description, category: $0.category.rawValue, value: $0.value,
        time: $0.time.nanoseconds)
    }
    let body = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
    return BaselineFeedback(
      action: .accept, entity: facts.first?.entity.description ?? "", body: body, created: time,
      createdBy: user)
  }

  /// The facts an accept carries (none for other actions or an unreadable body).
  public static func facts(in feedback: BaselineFeedback) -> [BehaviorFact] {
    guard feedback.action == .accept,
      let stored = try? JSONDecoder().decode([StoredFact].self, from: Data(feedback.body.utf8))
    else { return [] }
    return stored.compactMap { fact in
      guard let entity = EntityKey(text: fact.entity),
        let category = FactCategory(rawValue: fact.category)
      else { return nil }
      return BehaviorFact(
        entity: entity, category: category, value: fact.value,
        time: Timestamp(nanoseconds: fact.time))
    }
  }

  /// Applies `feedback` to `detector` (the baselines of `stream`); returns how many facts and
  /// profiles it changed.
  @discardableResult
  public static func apply(
    _ feedback: [BaselineFeedback], stream: String, to detector: inout BaselineDetector
  ) -> Int {
    var changed = 0
    for item in feedback {
      switch item.action {
      case .accept:
        for fact in facts(in: item) where Self.stream(of: fact.category) == stream {
          detector.novelty.book.accept(fact)
          changed += 1
        }
      case .lock:
        if let entity = EntityKey(text: item.entity), detector.novelty.book.lock(entity) {
          changed += 1
        }
      case .unlock:
        if let entity = EntityKey(text: item.entity), detector.novelty.book.unlock(entity) {
          changed += 1
        }
      }
    }
    return changed
  }
}
