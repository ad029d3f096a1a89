import VigilCore
import VigilNet
import VigilStore

/// Sees every flow record the server stores (the live network map).
public protocol FlowObserver: Sendable {
  /// Called with each stored batch, after it is durable.
  func observe(_ records: [FlowRecord])
}

/// Where `POST /v1/ingest/flows` puts what it accepted: the store first (durable before the
/// agent is answered; a batch seen before is recognised by agent id and sequence and stored
/// once), then the observers.
public struct FlowIntake: Sendable {
  /// The batch identity an agent sends (`Vigil-Agent-ID`, `Vigil-Batch`, `Vigil-Node`).
  public struct BatchIdentity: Sendable, Hashable {
    /// The agent's spool id.
    public var agent: String
    /// The batch's sequence in that spool.
    public var sequence: Int64
    /// The node the agent runs on.
    public var node: String
  }

  let store: SQLiteStore
  let observers: [any FlowObserver]

  /// Creates an intake over `store` feeding `observers`.
  public init(store: SQLiteStore, observers: [any FlowObserver]) {
    self.store = store
    self.observers = observers
  }

  /// Stores `records` (a batch from `identity`, or anonymous) and hands them to the observers;
  /// returns false when the batch had been stored before (nothing is stored or observed again).
  public func accept(_ records: [FlowRecord], identity: BatchIdentity?, at now: Timestamp) throws
    -> Bool
  {
    let rows = records.map { StoredFlow(start: $0.start, line: $0.jsonLine) }
    if let identity {
      guard
        try store.saveFlowBatch(
          agent: identity.agent, sequence: identity.sequence, node: identity.node, received: now,
          flows: rows)
      else { return false }
    } else {
      try store.save(flows: rows, received: now)
    }
    for observer in observers { observer.observe(records) }
    return true
  }
}
