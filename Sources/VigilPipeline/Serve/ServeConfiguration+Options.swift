import VigilCore

extension ServeConfiguration {
  /// Every option of `vigil serve` but the sinks (``sinkOptions``), in documentation order. The
  /// config file, the environment, the flags and `docs/deploy.md` all read this one table.
  public static let options: [Option] = [
    Option(
      "listen", default: "`0.0.0.0:8443` with TLS, `0.0.0.0:8080` without",
      "Address and port of the HTTP server (`host:port`, `[::]:port`, `:port`)",
      parse: ConfigValue.listen, set: { $0.listen = $1 }),
    Option(
      "tls.certificate", default: "none (plain HTTP)", "PEM certificate chain of the server",
      parse: ConfigValue.optionalText, set: { $0.tls.certificate = $1 }),
    Option(
      "tls.key", default: "none", "PEM private key of the server", parse: ConfigValue.optionalText,
      set: { $0.tls.key = $1 }),
    Option(
      "tls.clientCA", default: "none",
      "PEM CA bundle that verifies client certificates (mTLS; needs TLS)",
      parse: ConfigValue.optionalText, set: { $0.tls.clientCA = $1 }),
    Option(
      "tls.requireClientCertificate", default: "`false`",
      "Refuse clients without a certificate signed by `tls.clientCA`", parse: ConfigValue.bool,
      set: { $0.tls.requireClientCertificate = $1 }),
    Option(
      "auth.tokens", default: "none",
      "Accepted bearer tokens (comma-separated in env/flags; prefer `auth.tokenFile`)",
      parse: ConfigValue.list, set: { $0.auth.tokens = $1 }),
    Option(
      "auth.tokenFile", default: "none",
      "File of accepted bearer tokens, one per line (`#` comments); re-read on reload",
      parse: ConfigValue.optionalText, set: { $0.auth.tokenFile = $1 }),
    Option(
      "auth.metricsRequireAuth", default: "`false`", "Whether `/metrics` asks for a token too",
      parse: ConfigValue.bool, set: { $0.auth.metricsRequireAuth = $1 }),
    Option(
      "limits.maxBodyBytes", default: "`16MiB`",
      "Largest webhook body accepted (413 above); bytes or `512KiB`, `16MiB`",
      parse: ConfigValue.size, set: { $0.limits.maxBodyBytes = $1 }),
    Option(
      "limits.maxQueuedEvents", default: "`1000000`",
      "Events queued but not yet processed before the webhook answers 429",
      parse: { (input) throws(ConfigurationError) in
        try ConfigValue.integer(input, in: 1...1_000_000_000)
      }, set: { $0.limits.maxQueuedEvents = $1 }),
    Option(
      "limits.retryAfterSeconds", default: "`5`", "`Retry-After` sent with a 429",
      parse: { (input) throws(ConfigurationError) in try ConfigValue.integer(input, in: 1...3600) },
      set: { $0.limits.retryAfterSeconds = $1 }),
    Option(
      "store", default: "`vigil.db`", "SQLite file of the event queue, alerts and state",
      parse: ConfigValue.text, set: { $0.store = $1 }),
    Option(
      "rules", default: "`rules/audit.yaml`",
      "Rule files, loaded in order (comma-separated in env/flags); re-read on reload",
      parse: ConfigValue.list, set: { $0.rules = $1 }),
    Option(
      "auditLog", default: "none", "An audit log file to tail besides the webhook",
      parse: ConfigValue.optionalText, set: { $0.auditLog = $1 }),
    Option(
      "detection.minimumPriority", default: "`debug`",
      "Rules below this priority are not evaluated", parse: ConfigValue.priority,
      set: { $0.detection.minimumPriority = $1 }),
    Option(
      "detection.aggregationWindow", default: "`10m`",
      "Repeats of one alert within this window are aggregated", parse: ConfigValue.duration,
      set: { $0.detection.aggregationWindow = $1 }),
    Option(
      "log.level", default: "`info`",
      "Lowest level logged (trace, debug, info, notice, warning, error, critical)",
      parse: ConfigValue.logLevel, set: { $0.log.level = $1 }),
    Option(
      "log.format", default: "`text`", "Log line format: `text` or `json`",
      parse: ConfigValue.logFormat, set: { $0.log.format = $1 }),
    Option(
      "kube.enabled", default: "`false`",
      "Watch the cluster (inventory, exposure, RBAC) and serve `/api/v1/…`",
      parse: ConfigValue.bool, set: { $0.kube.enabled = $1 }),
    Option(
      "kube.kubeconfig", default: "`$KUBECONFIG`, else `~/.kube/config`",
      "Kubeconfig file used to reach the API server (unless `kube.inCluster`)",
      parse: ConfigValue.optionalText, set: { $0.kube.kubeconfig = $1 }),
    Option(
      "kube.context", default: "the current context", "Kubeconfig context to use",
      parse: ConfigValue.optionalText, set: { $0.kube.context = $1 }),
    Option(
      "kube.inCluster", default: "`false`",
      "Use the pod's service account token and CA instead of a kubeconfig",
      parse: ConfigValue.bool, set: { $0.kube.inCluster = $1 }),
    Option(
      "network.mapWindow", default: "`24h`",
      "The network map (`/api/v1/graph`) covers flows seen within this window",
      parse: ConfigValue.duration, set: { $0.network.mapWindow = $1 }),
    Option(
      "network.threatFeeds", default: "none",
      "Threat-intel feeds `NAME=PATH_OR_URL[,format=F][,column=C]`, F text, csv or stix (separate feeds with `;` in env/flags)",
      parse: ConfigValue.feedList, set: { $0.network.threatFeeds = $1 }),
    Option(
      "network.flowRetention", default: "`7d`",
      "Agents' flow records are kept in the store this long",
      parse: ConfigValue.duration, set: { $0.network.flowRetention = $1 }),
    Option(
      "network.scanWindow", default: "`5m`",
      "Scan detectors' window: one TRW alert per source within it; the threshold detector counts within it",
      parse: ConfigValue.duration, set: { $0.network.scanWindow = $1 }),
    Option(
      "network.scanPortThreshold", default: "`15`",
      "Distinct failed ports to one host within the scan window that flag a source outside the cluster",
      parse: { (input) throws(ConfigurationError) in try ConfigValue.integer(input, in: 2...65_535)
      },
      set: { $0.network.scanPortThreshold = $1 }),
    Option(
      "network.scanHostThreshold", default: "`25`",
      "Distinct hosts tried on one port within the scan window that flag a source outside the cluster",
      parse: { (input) throws(ConfigurationError) in
        try ConfigValue.integer(input, in: 2...1_000_000)
      },
      set: { $0.network.scanHostThreshold = $1 }),
    Option(
      "network.scanInClusterPortThreshold", default: "`15`",
      "The port threshold for pods and nodes (health checkers and meshes may need more)",
      parse: { (input) throws(ConfigurationError) in try ConfigValue.integer(input, in: 2...65_535)
      },
      set: { $0.network.scanInClusterPortThreshold = $1 }),
    Option(
      "network.scanInClusterHostThreshold", default: "`25`",
      "The host threshold for pods and nodes",
      parse: { (input) throws(ConfigurationError) in
        try ConfigValue.integer(input, in: 2...1_000_000)
      },
      set: { $0.network.scanInClusterHostThreshold = $1 }),
    Option(
      "network.scanExemptNamespaces",
      default: "`istio-system, linkerd, linkerd-viz, monitoring, prometheus`",
      "Namespaces whose workloads are never scanners or lateral movers (meshes, monitoring)",
      parse: ConfigValue.list, set: { $0.network.scanExemptNamespaces = $1 }),
    Option(
      "network.scanExemptWorkloads", default: "none",
      "Workloads (`namespace/name`) never treated as scanners or lateral movers",
      parse: ConfigValue.list, set: { $0.network.scanExemptWorkloads = $1 }),
    Option(
      "network.lateralNewPeers", default: "`8`",
      "New internal peers within the lateral window that make a lateral-movement alert",
      parse: { (input) throws(ConfigurationError) in try ConfigValue.integer(input, in: 1...100_000)
      },
      set: { $0.network.lateralNewPeers = $1 }),
    Option(
      "network.lateralWindow", default: "`10m`", "The lateral-movement window",
      parse: ConfigValue.duration, set: { $0.network.lateralWindow = $1 }),
    Option(
      "network.lateralLearning", default: "`1h`",
      "How long a new workload's peers are learned before new ones count",
      parse: ConfigValue.duration, set: { $0.network.lateralLearning = $1 }),
    Option(
      "network.zones", default: "from namespace labels and names",
      "Zone overrides `NAMESPACE=ZONE` (`prod`, `staging`, `dev` or any name; `none` takes a namespace out)",
      parse: ConfigValue.zoneList, set: { $0.network.zones = $1 }),
    Option(
      "baselines.enabled", default: "`true`",
      "Learn per-workload, user, service-account and namespace baselines and alert on deviations",
      parse: ConfigValue.bool, set: { $0.baselines.enabled = $1 }),
    Option(
      "baselines.learningPeriod", default: "`24h`",
      "How long a profile learns before deviations alert (its facts must also have settled)",
      parse: ConfigValue.duration, set: { $0.baselines.learningPeriod = $1 }),
    Option(
      "baselines.saveInterval", default: "`5m`",
      "How often learned profiles are saved to the store (and at shutdown)",
      parse: ConfigValue.duration, set: { $0.baselines.saveInterval = $1 }),
    Option(
      "baselines.namespaceSensitivity", default: "`1` everywhere",
      "Per-namespace sensitivity `NAMESPACE=FACTOR` (0 silences baseline alerts there, 2 alerts at half the deviation)",
      parse: ConfigValue.sensitivityList, set: { $0.baselines.namespaceSensitivity = $1 }),
  ]

  /// The option with `key`, if any.
  static func option(key: String) -> Option? { options.first { $0.key == key } }
}
