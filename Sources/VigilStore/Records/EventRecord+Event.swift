import VigilCore

extension EventRecord {
  /// The record of an event: its normalized columns and its (already redacted) JSON.
  public init(event: Event) {
    switch event.payload {
    case .audit(let audit):
      self.init(
        time: event.time, source: event.source, auditID: audit.auditID, stage: audit.stage,
        verb: audit.verb, requestURI: audit.requestURI, user: audit.user.username,
        userGroups: audit.user.groups, impersonatedUser: audit.impersonatedUser?.username,
        sourceIP: audit.sourceIPs.first, userAgent: audit.userAgent,
        namespace: audit.objectRef?.namespace, resource: audit.objectRef?.resource,
        subresource: audit.objectRef?.subresource, name: audit.objectRef?.name,
        apiGroup: audit.objectRef?.apiGroup, responseCode: audit.responseCode, shape: audit.shape,
        position: event.position, truncated: audit.truncated, raw: audit.document.bytes)
    }
  }
}
