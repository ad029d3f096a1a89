import Logging
import VigilCore
import VigilDetect

/// Everything `vigil serve` needs, resolved from defaults < config file < environment < flags
/// (``resolve(file:environment:flags:sinkSpecs:)``). Every option is listed once in
/// ``options``, which the resolver and `docs/deploy.md` both read.
public struct ServeConfiguration: Sendable, Hashable {
  /// Where the HTTP server listens.
  public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host or IP address (`0.0.0.0`, `::`, `127.0.0.1`).
    public var host: String
    /// The TCP port (0: any free port).
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
      self.host = host
      self.port = port
    }

    /// `host:port`, with IPv6 hosts in brackets.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
  }

  /// TLS for the HTTP server; off unless both ``certificate`` and ``key`` are set.
  public struct TLS: Sendable, Hashable {
    /// PEM certificate chain of the server.
    public var certificate: String?
    /// PEM private key of the server.
    public var key: String?
    /// PEM CA bundle that client certificates are verified against (mTLS).
    public var clientCA: String?
    /// Refuse connections without a client certificate signed by ``clientCA``.
    public var requireClientCertificate = false

    /// True when the server speaks HTTPS.
    public var isEnabled: Bool { certificate != nil && key != nil }
  }

  /// Bearer-token authentication of the webhook (and optionally of `/metrics`).
  public struct Auth: Sendable, Hashable {
    /// Accepted bearer tokens: the inline ones and those read from ``tokenFile`` (empty: no
    /// token is asked for).
    public var tokens: [String] = []
    /// A file with one token per line (blank lines and `#` comments skipped); re-read on reload.
    public var tokenFile: String?
    /// Whether `/metrics` asks for a token too.
    public var metricsRequireAuth = false
  }

  /// Bounds that keep a flood from exhausting memory or disk.
  public struct Limits: Sendable, Hashable {
    /// Largest request body accepted (413 above).
    public var maxBodyBytes = 16 << 20
    /// Events queued and not yet processed before the webhook answers 429.
    public var maxQueuedEvents = 1_000_000
    /// The `Retry-After` the webhook sends with a 429.
    public var retryAfterSeconds = 5
  }

  /// What the detection stage reports.
  public struct Detection: Sendable, Hashable {
    /// Rules below this priority are not evaluated.
    public var minimumPriority: Severity = .debug
    /// Repeats of one alert within this window are aggregated into one.
    public var aggregationWindow: Duration = .seconds(600)
  }

  /// How the server logs.
  public struct Log: Sendable, Hashable {
    /// The log line formats.
    public enum Format: String, Sendable, Hashable, CaseIterable {
      /// `2026-11-02T09:15:00Z info message key=value`.
      case text
      /// One JSON object per line.
      case json
    }

    /// The lowest level logged.
    public var level: Logger.Level = .info
    /// The line format.
    public var format: Format = .text

    /// Creates the settings (info, text).
    public init() {}
  }

  /// The Kubernetes API connection that keeps the cluster inventory (exposure, RBAC, identities).
  public struct Kube: Sendable, Hashable {
    /// Whether `vigil serve` watches the cluster and serves `/api/v1/…`.
    public var enabled = false
    /// The kubeconfig file; nil: `$KUBECONFIG`, else `~/.kube/config` (ignored in-cluster).
    public var kubeconfig: String?
    /// The kubeconfig context; nil: its current context.
    public var context: String?
    /// Use the pod's service account instead of a kubeconfig.
    public var inCluster = false

    /// Creates the settings (by default: off).
    public init(
      enabled: Bool = false, kubeconfig: String? = nil, context: String? = nil,
      inCluster: Bool = false
    ) {
      self.enabled = enabled
      self.kubeconfig = kubeconfig
      self.context = context
      self.inCluster = inCluster
    }
  }

  /// The network map and the flows node agents send.
  public struct Network: Sendable, Hashable {
    /// The map covers flows seen within this window (older edges are forgotten).
    public var mapWindow: Duration = .seconds(24 * 3600)
    /// Flow records are deleted from the store after this long.
    public var flowRetention: Duration = .seconds(7 * 24 * 3600)
    /// Threat-intel feeds: `NAME=PATH_OR_URL[,format=text|csv|stix][,column=C]`.
    public var threatFeeds: [String] = []
    /// Scan detectors' window (TRW alert window, threshold-detector counting window).
    public var scanWindow: Duration = .seconds(300)
    /// Distinct failed ports to one host within the window that flag an outside source.
    public var scanPortThreshold = 15
    /// Distinct hosts on one port within the window that flag an outside source.
    public var scanHostThreshold = 25
    /// The same for in-cluster sources (pods, nodes).
    public var scanInClusterPortThreshold = 15
    /// The same for in-cluster sources (pods, nodes).
    public var scanInClusterHostThreshold = 25
    /// Namespaces whose workloads are never scanners or lateral movers (meshes, monitoring).
    public var scanExemptNamespaces: [String] = ScanExemptions.defaultNamespaces.sorted()
    /// Workloads (`namespace/name`) never treated as scanners or lateral movers.
    public var scanExemptWorkloads: [String] = []
    /// New internal peers within ``lateralWindow`` that make a lateral-movement alert.
    public var lateralNewPeers = 8
    /// The lateral-movement window.
    public var lateralWindow: Duration = .seconds(600)
    /// How long a new workload's peers are learned before new ones count.
    public var lateralLearning: Duration = .seconds(3600)
    /// Zone overrides `NAMESPACE=ZONE` (a zone of `none` takes a namespace out of every zone).
    public var zones: [String] = []

    /// Creates the settings.
    public init() {}
  }

  /// Learned baselines.
  public struct Baselines: Sendable, Hashable {
    /// Whether the baseline detectors run on the audit stream and on flows.
    public var enabled = true
    /// How long a profile learns before deviations alert (and its categories must have
    /// settled: few values seen only once).
    public var learningPeriod: Duration = .seconds(86_400)
    /// How often the profiles are saved to the store.
    public var saveInterval: Duration = .seconds(300)
    /// Per-namespace sensitivity `NAMESPACE=FACTOR`: 0 silences a namespace's baseline alerts,
    /// 2 alerts at half the deviation (thresholds are divided by it).
    public var namespaceSensitivity: [String] = []

    /// Creates the settings.
    public init() {}

    /// The detector settings these give, or nil when baselines are off.
    public var detectorConfiguration: BaselineDetector.Configuration? {
      guard enabled else { return nil }
      var configuration = BaselineDetector.Configuration()
      configuration.setLearningPeriod(learningPeriod)
      var factors: [String: Double] = [:]
      for item in namespaceSensitivity {
        let parts = item.split(separator: "=", maxSplits: 1)
        if parts.count == 2, let factor = Double(parts[1]), factor >= 0 {
          factors[String(parts[0])] = factor
        }
      }
      configuration.setNamespaceSensitivity(factors)
      return configuration
    }
  }

  /// Where the HTTP server listens: `0.0.0.0:8443` when TLS is on, `0.0.0.0:8080` otherwise,
  /// unless set.
  public var listen = ListenAddress(host: "0.0.0.0", port: 8080)
  /// TLS and mTLS.
  public var tls = TLS()
  /// Bearer tokens.
  public var auth = Auth()
  /// Size and queue bounds.
  public var limits = Limits()
  /// The network map and agents' flows.
  public var network = Network()
  /// Learned baselines (profiles, novelty, rates, window scores, edge bursts).
  public var baselines = Baselines()
  /// The SQLite file holding the queue, alerts and state.
  public var store = "vigil.db"
  /// Rule files, loaded in order.
  public var rules = ["rules/audit.yaml"]
  /// An audit log file to tail, besides the webhook.
  public var auditLog: String?
  /// Detection settings.
  public var detection = Detection()
  /// Logging.
  public var log = Log()
  /// The cluster inventory (off by default).
  public var kube = Kube()
  /// Alert destinations (default: one `stdout` sink named `stdout`).
  public var sinks = [SinkConfiguration(name: "stdout", kind: .stdout)]
  /// `secretFile` of each sink that read its secret from a file, by sink name (watched for reload).
  public var sinkSecretFiles: [String: String] = [:]
  /// The configuration file this was read from, if any.
  public var file: String?

  /// The configuration with every default.
  public init() {}

  /// The files whose change should reload the server: the configuration file, the rule files,
  /// the token file and sink secret files.
  public var watchedFiles: [String] {
    var paths = [file].compactMap { $0 } + rules
    if let tokenFile = auth.tokenFile { paths.append(tokenFile) }
    paths += sinks.compactMap { sinkSecretFiles[$0.name] }
    var seen = Set<String>()
    return paths.filter { seen.insert($0).inserted }
  }
}
