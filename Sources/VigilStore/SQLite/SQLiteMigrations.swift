import GRDB

/// The SQLite schema as named, forward-only migrations. Never edit a released migration: add one.
/// Opening a database applies the ones it lacks (GRDB records them in `grdb_migrations`).
public enum SQLiteMigrations {
  /// The migration identifiers, oldest first.
  public static let identifiers: [String] = all.map(\.identifier)

  /// Each migration: its identifier and the SQL it runs.
  static let all: [(identifier: String, sql: String)] = [
    ("v1-events-alerts", v1EventsAlerts),
    ("v2-alert-subject-indexes", v2AlertSubjectIndexes),
    ("v3-live-serve", v3LiveServe),
    ("v4-inventory-objects", v4InventoryObjects),
    ("v5-flows", v5Flows),
    ("v6-profiles", v6Profiles),
    ("v7-baseline-feedback", v7BaselineFeedback),
  ]

  /// A migrator holding the migrations up to and including `target` (all when nil).
  static func migrator(upTo target: String?) -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for migration in all {
      migrator.registerMigration(migration.identifier) { db in try db.execute(sql: migration.sql) }
      if migration.identifier == target { break }
    }
    return migrator
  }

  /// Events and alerts, with the indexes queries and retention use.
  static let v1EventsAlerts = """
    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      time INTEGER NOT NULL,
      source TEXT NOT NULL,
      audit_id TEXT,
      stage TEXT,
      verb TEXT,
      request_uri TEXT,
      user_name TEXT,
      user_groups TEXT,
      impersonated_user TEXT,
      source_ip TEXT,
      user_agent TEXT,
      namespace TEXT,
      resource TEXT,
      subresource TEXT,
      name TEXT,
      api_group TEXT,
      response_code INTEGER,
      shape TEXT,
      file TEXT NOT NULL,
      line INTEGER NOT NULL,
      truncated INTEGER NOT NULL,
      raw BLOB NOT NULL
    );
    CREATE INDEX events_time ON events(time);
    CREATE INDEX events_audit_id ON events(audit_id);
    CREATE TABLE alerts (
      id INTEGER PRIMARY KEY,
      rule TEXT NOT NULL,
      severity INTEGER NOT NULL,
      severity_name TEXT NOT NULL,
      time INTEGER NOT NULL,
      last_seen INTEGER NOT NULL,
      window_start INTEGER NOT NULL,
      output TEXT NOT NULL,
      source TEXT NOT NULL,
      tags TEXT NOT NULL,
      controls TEXT NOT NULL,
      fields TEXT NOT NULL,
      user_name TEXT,
      source_ip TEXT,
      user_agent TEXT,
      namespace TEXT,
      resource TEXT,
      name TEXT,
      evidence TEXT NOT NULL,
      dedup_key TEXT NOT NULL,
      count INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX alerts_dedup_window ON alerts(dedup_key, window_start);
    CREATE INDEX alerts_time ON alerts(time);
    CREATE INDEX alerts_severity ON alerts(severity, time);
    CREATE INDEX alerts_rule ON alerts(rule, time);
    """

  /// Indexes for the UI's "alerts in this namespace / by this user" lists.
  static let v2AlertSubjectIndexes = """
    CREATE INDEX alerts_namespace ON alerts(namespace, time);
    CREATE INDEX alerts_user ON alerts(user_name, time);
    """

  /// What `vigil serve` keeps besides events and alerts: the alert outbox per sink, suppressions,
  /// input checkpoints, the (auditID, stage, rule) triples already alerted on (exactly-once), and
  /// the aggregated alerts whose window summary is still to be sent.
  static let v3LiveServe = """
    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      sink TEXT NOT NULL,
      alert TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      not_before INTEGER NOT NULL
    );
    CREATE INDEX outbox_sink_due ON outbox(sink, not_before, id);
    CREATE TABLE suppressions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      rule TEXT,
      namespace TEXT,
      user_name TEXT,
      name TEXT,
      reason TEXT NOT NULL,
      created_by TEXT,
      created INTEGER NOT NULL,
      expires INTEGER
    );
    CREATE TABLE checkpoints (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE alerted_events (
      audit_id TEXT NOT NULL,
      stage TEXT NOT NULL,
      rule TEXT NOT NULL,
      time INTEGER NOT NULL,
      PRIMARY KEY (audit_id, stage, rule)
    ) WITHOUT ROWID;
    CREATE INDEX alerted_events_time ON alerted_events(time);
    CREATE TABLE pending_summaries (
      alert_id INTEGER PRIMARY KEY,
      window_end INTEGER NOT NULL,
      sinks TEXT NOT NULL
    );
    CREATE INDEX pending_summaries_end ON pending_summaries(window_end);
    """

  /// The cluster objects imported from a snapshot (`vigil inventory import`): raw API JSON, one
  /// row per object, replaced when the same object is imported again.
  static let v4InventoryObjects = """
    CREATE TABLE inventory_objects (
      kind TEXT NOT NULL,
      namespace TEXT NOT NULL,
      name TEXT NOT NULL,
      updated INTEGER NOT NULL,
      json BLOB NOT NULL,
      PRIMARY KEY (kind, namespace, name)
    ) WITHOUT ROWID;
    """

  /// Flow records from node agents (and flow files), one row a record as Vigil flow JSON, and the
  /// batches received, so a batch an agent sends again after a lost acknowledgement is stored
  /// once.
  static let v5Flows = """
    CREATE TABLE flow_batches (
      agent TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      node TEXT NOT NULL,
      received INTEGER NOT NULL,
      records INTEGER NOT NULL,
      PRIMARY KEY (agent, sequence)
    ) WITHOUT ROWID;
    CREATE TABLE flows (
      id INTEGER PRIMARY KEY,
      start INTEGER NOT NULL,
      received INTEGER NOT NULL,
      line TEXT NOT NULL
    );
    CREATE INDEX flows_start ON flows(start);
    """

  /// Learned behavior profiles, one row per (stream, entity): the baselines that survive a
  /// restart. The body is the profile's own encoding; the store does not interpret it.
  static let v6Profiles = """
    CREATE TABLE profiles (
      stream TEXT NOT NULL,
      entity TEXT NOT NULL,
      kind TEXT NOT NULL,
      updated INTEGER NOT NULL,
      body BLOB NOT NULL,
      PRIMARY KEY (stream, entity)
    ) WITHOUT ROWID;
    """

  /// What people told the baselines (`vigil baseline accept|lock|unlock`): the running server
  /// reads new rows every few seconds and applies them; a restart applies them again (each
  /// action is idempotent).
  static let v7BaselineFeedback = """
    CREATE TABLE baseline_feedback (
      id INTEGER PRIMARY KEY,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      body TEXT NOT NULL,
      created INTEGER NOT NULL,
      created_by TEXT
    );
    """
}
