/// Every metric the node agent exports on its `/metrics` (Prometheus names).
public enum AgentMetricName {
  /// Conntrack events read from netlink, by `kind` (new, update, destroy, dump).
  public static let conntrackEvents = "vigil_agent_conntrack_events_total"
  /// Messages the kernel dropped before the agent read them (netlink ENOBUFS, packet-socket
  /// drops), by `source` (conntrack, dns).
  public static let kernelDrops = "vigil_agent_kernel_drops_total"
  /// Netlink messages that could not be decoded.
  public static let decodeErrors = "vigil_agent_decode_errors_total"
  /// DNS responses captured and recorded.
  public static let dnsResponses = "vigil_agent_dns_responses_total"
  /// Flow records produced.
  public static let flows = "vigil_agent_flows_total"
  /// Flow records written to the disk spool.
  public static let spooled = "vigil_agent_flows_spooled_total"
  /// Flow records the server acknowledged.
  public static let shipped = "vigil_agent_flows_shipped_total"
  /// Flow records dropped: the spool was full (`reason="spool-full"`), the server refused the
  /// batch (`reason="rejected"`), or the spool could not be written (`reason="spool-error"`).
  public static let dropped = "vigil_agent_flows_dropped_total"
  /// Failed attempts to ship a batch (it stays spooled and is retried).
  public static let shipFailures = "vigil_agent_ship_failures_total"
  /// Records waiting in the spool.
  public static let spoolRecords = "vigil_agent_spool_records"
  /// Bytes waiting in the spool.
  public static let spoolBytes = "vigil_agent_spool_bytes"
  /// Connections the flow tracker holds open.
  public static let openFlows = "vigil_agent_open_flows"
}
